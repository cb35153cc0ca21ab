//! The message table. One line a message: key, English, Simplified Chinese.
use super::Lang;

macro_rules! messages {
    ($($key:ident => $en:literal, $zh:literal;)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Msg { $($key),* }

        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$key),*];

            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Msg::$key, Lang::En) => $en, (Msg::$key, Lang::Zh) => $zh,)*
                }
            }
        }
    };
}

messages! {
    AppName => "Service Portal", "服务门户";
    AppTagline => "IT after-sales support", "IT 售后支持";
    SkipToContent => "Skip to content", "跳到正文";
    MainNav => "Main navigation", "主导航";
    Language => "Language", "语言";
    Menu => "Menu", "菜单";
    NavHome => "Home", "首页";
    NavAccount => "My account", "我的账户";
    NavOrganizations => "Organizations", "组织管理";
    NavOrgUsers => "Our users", "本单位用户";
    SignIn => "Sign in", "登录";
    SignOut => "Sign out", "退出登录";
    SignInTitle => "Sign in to the service portal", "登录服务门户";
    SignInIntro => "Report faults, follow your requests and book training.", "报修故障、跟踪服务请求、预约培训。";
    Email => "E-mail", "电子邮箱";
    Password => "Password", "密码";
    SigningIn => "Signing in…", "正在登录…";
    BadCredentials => "The e-mail or password is not right.", "邮箱或密码不正确。";
    TooManyAttempts => "Too many sign-in attempts. Try again in a few minutes.", "登录尝试次数过多，请几分钟后再试。";
    SessionExpired => "Please sign in to continue.", "请先登录。";
    Welcome => "Welcome", "欢迎";
    SignedInAs => "Signed in as", "当前用户";
    RoleLabel => "Role", "角色";
    OrganizationLabel => "Organization", "组织";
    HomeCustomerIntro => "From here you will report faults and requests, follow them live, and book training.", "在这里可以报修故障和提交请求、实时跟踪进度、预约培训。";
    HomeStaffIntro => "Your workspace for the requests and customers you look after.", "处理服务请求、管理客户的工作台。";
    HomeAdminIntro => "Manage organizations, sites, users and roles.", "管理组织、站点、用户和角色。";
    HomeSiteManagerIntro => "Manage the users of your organization.", "管理本单位的用户。";
    RoleCustomer => "Customer", "客户";
    RoleSiteManager => "Site manager", "站点负责人";
    RoleEngineer => "Engineer", "工程师";
    RoleDispatcher => "Dispatcher", "调度员";
    RoleManager => "Service manager", "服务经理";
    RoleAdmin => "Administrator", "系统管理员";
    KindProvider => "Service provider", "服务商";
    KindCustomer => "Customer", "客户单位";
    AccountTitle => "My account", "我的账户";
    ChangePassword => "Change password", "修改密码";
    CurrentPassword => "Current password", "当前密码";
    NewPassword => "New password", "新密码";
    ConfirmPassword => "Repeat new password", "确认新密码";
    PasswordHint => "At least 10 characters. A phrase of several words is easy to remember and hard to guess.", "至少 10 个字符。由几个词组成的短语好记又难猜。";
    PasswordChanged => "Your password has been changed. Other devices have been signed out.", "密码已修改，其他设备上的登录已失效。";
    Save => "Save", "保存";
    Saving => "Saving…", "正在保存…";
    Create => "Create", "创建";
    Cancel => "Cancel", "取消";
    Name => "Name", "名称";
    DisplayName => "Full name", "姓名";
    Phone => "Phone", "电话";
    Optional => "optional", "选填";
    Kind => "Type", "类型";
    Address => "Address", "地址";
    Site => "Site", "站点";
    Sites => "Sites", "站点";
    Users => "Users", "用户";
    Status => "Status", "状态";
    Active => "Active", "启用";
    Inactive => "Deactivated", "已停用";
    Deactivate => "Deactivate", "停用";
    Activate => "Activate", "启用";
    ChangeRole => "Change role", "修改角色";
    Actions => "Actions", "操作";
    NoSite => "No site", "无站点";
    OrganizationsTitle => "Organizations", "组织管理";
    NewOrganization => "New organization", "新建组织";
    NewSite => "New site", "新建站点";
    NewUser => "New user", "新建用户";
    InitialPassword => "Initial password", "初始密码";
    Created => "Created.", "已创建。";
    Updated => "Updated.", "已更新。";
    NoOrganizations => "No organizations yet.", "还没有组织。";
    NoSites => "No sites yet.", "还没有站点。";
    NoUsers => "No users yet.", "还没有用户。";
    OrgUsersTitle => "Users of my organization", "本单位用户";
    Loading => "Loading…", "加载中…";
    Back => "Back", "返回";
    NotFoundTitle => "Page not found", "页面不存在";
    NotFoundText => "There is no page at this address.", "该地址没有对应的页面。";
    ForbiddenTitle => "Not allowed", "无权访问";
    ForbiddenText => "Your role does not give access to this page.", "您的角色无权访问此页面。";
    GoHome => "Go to the home page", "返回首页";
    ErrRequired => "Please fill this in.", "此项必填。";
    ErrTooShort => "Too short: at least {n} characters.", "太短：至少 {n} 个字符。";
    ErrTooLong => "Too long: at most {n} characters.", "太长：最多 {n} 个字符。";
    ErrInvalidEmail => "Enter an e-mail address like name@example.com.", "请输入有效的邮箱地址，例如 name@example.com。";
    ErrInvalidPhone => "Enter a phone number: digits, spaces, + - ( ).", "请输入有效的电话号码：数字、空格及 + - ( )。";
    ErrPasswordTooShort => "The password needs at least {n} characters.", "密码至少需要 {n} 个字符。";
    ErrPasswordSameAsEmail => "The password must not be your e-mail address.", "密码不能与邮箱相同。";
    ErrPasswordMismatch => "The two new passwords are not the same.", "两次输入的新密码不一致。";
    ErrWrongCurrentPassword => "The current password is not right.", "当前密码不正确。";
    ErrEmailTaken => "A user with this e-mail already exists.", "该邮箱已被其他用户使用。";
    ErrNameTaken => "This name is already in use.", "该名称已被使用。";
    ErrInvalidChoice => "Choose one of the options.", "请从选项中选择。";
    ErrRoleNotForOrg => "Staff roles belong to the provider; customer roles to customer organizations.", "员工角色只属于服务商，客户角色只属于客户单位。";
    ErrRoleNotAllowed => "You may not give this role.", "您无权授予此角色。";
    ErrNotOnYourself => "You cannot do this to your own account.", "不能对自己的账户执行此操作。";
    ErrForbidden => "You are not allowed to do this.", "您无权执行此操作。";
    ErrNotFound => "It no longer exists, or you may not see it.", "该内容不存在或您无权查看。";
    ErrInternal => "Something went wrong on our side. Nothing was changed; please try again.", "服务器出错，未做任何更改，请重试。";
    ErrNetwork => "The server could not be reached. Check the connection and try again.", "无法连接服务器，请检查网络后重试。";
    ErrConflict => "Someone else changed this at the same time. The page now shows the latest state; please try again.", "其他人同时修改了此内容。页面已显示最新状态，请重试。";
    ErrTransition => "This step is not possible in the request's current state.", "服务请求当前状态下不能执行此操作。";
    ErrFixFields => "Please correct the fields marked below.", "请修改下方标出的内容。";
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every Chinese text is really Chinese (not an English string pasted twice).
    #[test]
    fn every_message_is_translated() {
        for m in Msg::ALL {
            let en = m.text(Lang::En);
            let zh = m.text(Lang::Zh);
            assert!(!en.trim().is_empty(), "{m:?} en");
            assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{m:?} has no Chinese: {zh}");
            assert_eq!(en.contains("{n}"), zh.contains("{n}"), "{m:?} placeholders differ");
        }
    }
}
