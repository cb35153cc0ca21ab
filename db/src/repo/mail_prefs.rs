//! Each person's mail choices (`mail_prefs`, `mail_settings`) and the unsubscribe links.
use chrono::{DateTime, NaiveDate, Utc};
use domain::notify::{Channel, EventKind, QuietHours};
use sea_orm::{
    sea_query::{Expr, OnConflict},
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};

use crate::entity::{mail_pref, mail_setting, mail_unsubscribe};

/// A person's choices as stored: the kinds they changed from the default, and their quiet
/// hours and last digest.
#[derive(Clone, Debug, Default)]
pub struct Stored {
    pub channels: Vec<(EventKind, Channel)>,
    pub quiet: Option<QuietHours>,
    pub last_digest_on: Option<NaiveDate>,
}

impl Stored {
    pub fn channel(&self, kind: EventKind) -> Option<Channel> {
        self.channels.iter().find(|(k, _)| *k == kind).map(|(_, c)| *c)
    }
}

fn minutes(t: chrono::NaiveTime) -> i32 {
    use chrono::Timelike;
    (t.hour() * 60 + t.minute()) as i32
}

fn time_of(m: i32) -> Option<chrono::NaiveTime> {
    chrono::NaiveTime::from_hms_opt((m / 60) as u32, (m % 60) as u32, 0)
}

pub async fn load(conn: &impl ConnectionTrait, user_id: i32) -> Result<Stored, DbErr> {
    let channels = mail_pref::Entity::find()
        .filter(mail_pref::Column::UserId.eq(user_id))
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|p| Some((EventKind::parse(&p.kind)?, Channel::parse(&p.channel)?)))
        .collect();
    let settings = mail_setting::Entity::find_by_id(user_id).one(conn).await?;
    let quiet = settings.as_ref().and_then(|s| Some(QuietHours { from: time_of(s.quiet_from?)?, to: time_of(s.quiet_to?)? }));
    Ok(Stored { channels, quiet, last_digest_on: settings.and_then(|s| s.last_digest_on) })
}

/// Stores one person's choices: `channels` are the kinds that differ from the default (the
/// others are removed, so a later change of default reaches them).
pub async fn save(tx: &impl ConnectionTrait, user_id: i32, channels: &[(EventKind, Channel)], quiet: Option<QuietHours>) -> Result<(), DbErr> {
    mail_pref::Entity::delete_many().filter(mail_pref::Column::UserId.eq(user_id)).exec(tx).await?;
    if !channels.is_empty() {
        let rows =
            channels.iter().map(|(k, c)| mail_pref::ActiveModel { user_id: Set(user_id), kind: Set(k.as_str().into()), channel: Set(c.as_str().into()) });
        mail_pref::Entity::insert_many(rows).exec(tx).await?;
    }
    let row = mail_setting::ActiveModel {
        user_id: Set(user_id),
        quiet_from: Set(quiet.map(|q| minutes(q.from))),
        quiet_to: Set(quiet.map(|q| minutes(q.to))),
        last_digest_on: sea_orm::ActiveValue::NotSet,
    };
    mail_setting::Entity::insert(row)
        .on_conflict(
            OnConflict::column(mail_setting::Column::UserId).update_columns([mail_setting::Column::QuietFrom, mail_setting::Column::QuietTo]).to_owned(),
        )
        .exec_without_returning(tx)
        .await?;
    Ok(())
}

/// Sets one kind's delivery (the unsubscribe link sets "portal only").
pub async fn set_channel(tx: &impl ConnectionTrait, user_id: i32, kind: EventKind, channel: Channel) -> Result<(), DbErr> {
    let row = mail_pref::ActiveModel { user_id: Set(user_id), kind: Set(kind.as_str().into()), channel: Set(channel.as_str().into()) };
    mail_pref::Entity::insert(row)
        .on_conflict(OnConflict::columns([mail_pref::Column::UserId, mail_pref::Column::Kind]).update_column(mail_pref::Column::Channel).to_owned())
        .exec_without_returning(tx)
        .await?;
    Ok(())
}

/// Records that today's digest went (a row is made if the person never saved settings).
pub async fn set_last_digest(tx: &impl ConnectionTrait, user_id: i32, day: NaiveDate) -> Result<(), DbErr> {
    let row = mail_setting::ActiveModel { user_id: Set(user_id), quiet_from: Set(None), quiet_to: Set(None), last_digest_on: Set(Some(day)) };
    mail_setting::Entity::insert(row)
        .on_conflict(OnConflict::column(mail_setting::Column::UserId).update_column(mail_setting::Column::LastDigestOn).to_owned())
        .exec_without_returning(tx)
        .await?;
    Ok(())
}

/// A new unsubscribe link for one mail: the token goes in the mail, its hash here.
/// `scope` is an `EventKind`'s name, or `digest` for the digest's link.
pub async fn new_unsubscribe(tx: &impl ConnectionTrait, user_id: i32, scope: &str, now: DateTime<Utc>) -> Result<String, DbErr> {
    let (token, hash) = super::surveys::new_token();
    mail_unsubscribe::ActiveModel {
        token_hash: Set(hash),
        user_id: Set(user_id),
        kind: Set(scope.into()),
        created_at: Set(now),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    Ok(token)
}

/// The link a token names (used or not: pressing it twice says "already off", not "unknown").
pub async fn find_unsubscribe(conn: &impl ConnectionTrait, token: &str) -> Result<Option<mail_unsubscribe::Model>, DbErr> {
    mail_unsubscribe::Entity::find().filter(mail_unsubscribe::Column::TokenHash.eq(super::surveys::hash_token(token))).one(conn).await
}

pub async fn mark_unsubscribe_used(tx: &impl ConnectionTrait, id: i32, now: DateTime<Utc>) -> Result<(), DbErr> {
    mail_unsubscribe::Entity::update_many()
        .col_expr(mail_unsubscribe::Column::UsedAt, Expr::value(now))
        .filter(mail_unsubscribe::Column::Id.eq(id))
        .filter(mail_unsubscribe::Column::UsedAt.is_null())
        .exec(tx)
        .await?;
    Ok(())
}
