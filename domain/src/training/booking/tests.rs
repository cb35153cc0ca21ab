use super::*;

const OWN: i32 = 10;
const OTHER: i32 = 20;
const PROVIDER: i32 = 1;
const ME: i32 = 100;
const COLLEAGUE: i32 = 101;

const DEADLINE: i64 = 1_000;
const START: i64 = 2_000;
const END: i64 = 3_000;

fn session(invited: Invited) -> SessionFacts {
    SessionFacts { status: SessionStatus::Scheduled, starts_at: START, ends_at: END, booking_deadline: DEADLINE, capacity: 2, invited }
}

fn only_own() -> SessionFacts {
    session(Invited::Only(vec![OWN]))
}

fn cancelled() -> SessionFacts {
    SessionFacts { status: SessionStatus::Cancelled, ..only_own() }
}

fn actor(role: Role) -> Actor {
    let org_id = if role.is_staff() { PROVIDER } else { OWN };
    Actor { user_id: ME, org_id, role }
}

fn person(user_id: i32, org_id: i32, role: Role) -> Attendee {
    Attendee { user_id, org_id, role, active: true }
}

type BookCase = (SessionFacts, u32, bool, i64, Result<Seat, BookingError>);
type CancelCase = (Role, Attendee, Seat, i64, Result<(), BookingError>);

fn me(role: Role) -> Attendee {
    person(ME, OWN, role)
}

#[test]
fn who_may_book_for_whom() {
    let targets = [
        ("self", person(ME, OWN, Role::Customer)),
        ("colleague", person(COLLEAGUE, OWN, Role::Customer)),
        ("site manager colleague", person(COLLEAGUE, OWN, Role::SiteManager)),
        ("customer of another org", person(COLLEAGUE, OTHER, Role::Customer)),
        ("staff", person(COLLEAGUE, PROVIDER, Role::Engineer)),
    ];
    for role in Role::ALL {
        let a = actor(role);
        for (name, target) in targets {
            let target = if name == "self" { Attendee { role, org_id: a.org_id, ..target } } else { target };
            let for_customer = !target.role.is_staff();
            let allowed = match role {
                Role::Customer => name == "self",
                Role::SiteManager => target.org_id == OWN,
                Role::Dispatcher | Role::Manager | Role::Admin => for_customer,
                Role::Engineer => false,
            } && for_customer;
            let want = if allowed { Ok(Seat::Confirmed) } else { Err(BookingError::NotAllowed) };
            assert_eq!(book(&session(Invited::All), &a, &target, 0, false, 0), want, "{role:?} books {name}");
        }
    }
}

#[test]
fn invitations_decide_before_anything_else_for_customers() {
    let other_org = |role| Actor { user_id: ME, org_id: OTHER, role };
    let target = |role| person(ME, OTHER, role);
    for s in [only_own(), cancelled()] {
        for now in [0, DEADLINE, START, END] {
            for already in [false, true] {
                for role in [Role::Customer, Role::SiteManager] {
                    assert_eq!(book(&s, &other_org(role), &target(role), 0, already, now), Err(BookingError::NotInvited), "{role:?} {now} {:?}", s.status);
                }
            }
        }
    }
    // Staff see the session; booking an uninvited customer is refused as such.
    for role in [Role::Dispatcher, Role::Manager, Role::Admin] {
        assert_eq!(book(&only_own(), &actor(role), &target(Role::Customer), 0, false, 0), Err(BookingError::NotInvited), "{role:?}");
        assert_eq!(book(&only_own(), &actor(role), &me(Role::Customer), 0, false, 0), Ok(Seat::Confirmed), "{role:?}");
    }
}

#[test]
fn deactivated_people_are_not_booked() {
    let target = Attendee { active: false, ..me(Role::Customer) };
    for role in [Role::Customer, Role::SiteManager, Role::Manager] {
        assert_eq!(book(&only_own(), &actor(role), &target, 0, false, 0), Err(BookingError::NotAllowed), "{role:?}");
    }
}

#[test]
fn the_session_state_and_the_seats_decide_a_customers_booking() {
    // (session, seats taken, already booked, now, expected)
    let cases: [BookCase; 12] = [
        (only_own(), 0, false, 0, Ok(Seat::Confirmed)),
        (only_own(), 1, false, DEADLINE - 1, Ok(Seat::Confirmed)),
        (only_own(), 2, false, 0, Ok(Seat::Waitlisted)),
        (only_own(), 3, false, 0, Ok(Seat::Waitlisted)),
        (only_own(), 0, true, 0, Err(BookingError::AlreadyBooked)),
        (only_own(), 2, true, 0, Err(BookingError::AlreadyBooked)),
        (only_own(), 0, false, DEADLINE, Err(BookingError::DeadlinePassed)),
        (only_own(), 0, true, DEADLINE, Err(BookingError::DeadlinePassed)),
        (only_own(), 0, false, START, Err(BookingError::Started)),
        (only_own(), 0, false, END + 1, Err(BookingError::Started)),
        (cancelled(), 0, false, 0, Err(BookingError::Cancelled)),
        (cancelled(), 0, true, START, Err(BookingError::Cancelled)),
    ];
    for (s, taken, already, now, want) in cases {
        for role in [Role::Customer, Role::SiteManager] {
            assert_eq!(book(&s, &actor(role), &me(Role::Customer), taken, already, now), want, "{role:?} {taken} {already} {now}");
        }
    }
}

#[test]
fn training_staff_may_book_after_the_deadline_but_not_once_started() {
    let cases = [(DEADLINE - 1, Ok(Seat::Confirmed)), (DEADLINE, Ok(Seat::Confirmed)), (START - 1, Ok(Seat::Confirmed)), (START, Err(BookingError::Started))];
    for role in [Role::Dispatcher, Role::Manager, Role::Admin] {
        for (now, want) in cases {
            assert_eq!(book(&only_own(), &actor(role), &me(Role::Customer), 0, false, now), want, "{role:?} {now}");
        }
        assert_eq!(book(&only_own(), &actor(role), &me(Role::Customer), 0, true, 0), Err(BookingError::AlreadyBooked));
    }
}

#[test]
fn cancelling_a_booking() {
    use BookingError::*;
    use Seat::*;
    // (actor role, owner, seat, now, expected)
    let colleague = person(COLLEAGUE, OWN, Role::Customer);
    let stranger = person(COLLEAGUE, OTHER, Role::Customer);
    let cases: Vec<CancelCase> = vec![
        (Role::Customer, me(Role::Customer), Confirmed, DEADLINE - 1, Ok(())),
        (Role::Customer, me(Role::Customer), Confirmed, DEADLINE, Err(DeadlinePassed)),
        (Role::Customer, me(Role::Customer), Waitlisted, DEADLINE, Ok(())),
        (Role::Customer, me(Role::Customer), Waitlisted, START - 1, Ok(())),
        (Role::Customer, me(Role::Customer), Waitlisted, START, Err(Started)),
        (Role::Customer, colleague, Confirmed, 0, Err(NotAllowed)),
        (Role::SiteManager, colleague, Confirmed, 0, Ok(())),
        (Role::SiteManager, colleague, Confirmed, DEADLINE, Err(DeadlinePassed)),
        (Role::SiteManager, colleague, Waitlisted, DEADLINE, Ok(())),
        (Role::SiteManager, stranger, Confirmed, 0, Err(NotAllowed)),
        (Role::Engineer, colleague, Confirmed, 0, Err(NotAllowed)),
        (Role::Dispatcher, stranger, Confirmed, DEADLINE, Ok(())),
        (Role::Manager, colleague, Confirmed, START, Ok(())),
        (Role::Admin, colleague, Waitlisted, END - 1, Ok(())),
        (Role::Manager, colleague, Confirmed, END, Err(Ended)),
    ];
    for (role, owner, seat, now, want) in cases {
        assert_eq!(can_cancel(&only_own(), &actor(role), &owner, seat, now), want, "{role:?} {owner:?} {seat:?} {now}");
    }
    for role in [Role::Customer, Role::Manager] {
        assert_eq!(can_cancel(&cancelled(), &actor(role), &me(Role::Customer), Confirmed, 0), Err(Cancelled), "{role:?}");
    }
}

#[test]
fn who_sees_a_session() {
    let other = |role| Actor { user_id: ME, org_id: OTHER, role };
    for role in Role::ALL {
        let staff = role.is_staff();
        let a = if staff { actor(role) } else { other(role) };
        // (session, booked, expected for an own-org customer, expected for another org's)
        let cases = [
            (session(Invited::All), false, true, true),
            (only_own(), false, true, false),
            (cancelled(), false, false, false),
            (cancelled(), true, true, false),
            (SessionFacts { status: SessionStatus::Cancelled, ..session(Invited::All) }, true, true, true),
        ];
        for (s, booked, own, others) in cases {
            assert_eq!(visible_to(&s, &actor(role), booked), staff || own, "{role:?} own {s:?} {booked}");
            assert_eq!(visible_to(&s, &a, booked), staff || others, "{role:?} other {s:?} {booked}");
        }
    }
}

#[test]
fn training_is_managed_by_dispatchers_managers_and_admins() {
    let managing: Vec<Role> = Role::ALL.into_iter().filter(|r| manages_training(*r)).collect();
    assert_eq!(managing, [Role::Dispatcher, Role::Manager, Role::Admin]);
}

#[test]
fn seats_left_never_goes_negative() {
    for (capacity, confirmed, want) in [(10, 0, 10), (10, 9, 1), (10, 10, 0), (10, 12, 0), (0, 0, 0)] {
        assert_eq!(seats_left(capacity, confirmed), want, "{capacity} {confirmed}");
    }
}

#[test]
fn freed_seats_go_to_the_longest_waiting_never_beyond_capacity() {
    let entry = |id, booked_at| WaitlistEntry { id, booked_at };
    // Given out of order; 7 and 3 booked at the same second: the lower id first.
    let waitlist = [entry(9, 500), entry(7, 100), entry(4, 300), entry(3, 100)];
    // (capacity, confirmed, expected promotions)
    let cases: [(u32, u32, Vec<i32>); 7] =
        [(2, 2, vec![]), (2, 1, vec![3]), (2, 0, vec![3, 7]), (5, 2, vec![3, 7, 4]), (10, 0, vec![3, 7, 4, 9]), (2, 5, vec![]), (0, 0, vec![])];
    for (capacity, confirmed, want) in cases {
        let s = SessionFacts { capacity, ..only_own() };
        let got = promote(&s, confirmed, &waitlist, 0);
        assert!(confirmed as usize + got.len() <= capacity.max(confirmed) as usize);
        assert_eq!(got, want, "{capacity} {confirmed}");
    }
    assert_eq!(promote(&only_own(), 0, &[], 0), Vec::<i32>::new());
    assert_eq!(promote(&only_own(), 0, &waitlist, START - 1), vec![3, 7]);
    assert_eq!(promote(&only_own(), 0, &waitlist, START), Vec::<i32>::new());
    assert_eq!(promote(&cancelled(), 0, &waitlist, 0), Vec::<i32>::new());
}

#[test]
fn errors_have_stable_codes_matching_serde() {
    use BookingError::*;
    for e in [NotInvited, Cancelled, DeadlinePassed, AlreadyBooked, NotAllowed, Started, Ended] {
        assert_eq!(serde_json::to_value(e).unwrap()["code"], e.code(), "{e:?}");
        assert_eq!(e.to_string(), e.code());
    }
    assert_eq!(serde_json::to_string(&Seat::Waitlisted).unwrap(), "\"waitlisted\"");
}
