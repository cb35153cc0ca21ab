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
    NavRequests => "Requests", "服务请求";
    NewRequest => "Report a problem", "报修/提交请求";
    MyRequestsTitle => "My requests", "我的服务请求";
    AllRequestsTitle => "Service requests", "服务请求";
    Scope => "Show", "范围";
    ScopeOrganization => "Whole organization", "全单位";
    ScopeMine => "Only mine", "仅我的";
    Search => "Search", "搜索";
    AnyStatus => "Any status", "全部状态";
    OpenStatuses => "Open", "未关闭";
    Severity => "Severity", "严重级别";
    AnySite => "Any site", "全部站点";
    AnySeverity => "Any severity", "全部级别";
    SortBy => "Sort", "排序";
    SortNewest => "Newest first", "最新优先";
    SortOldest => "Oldest first", "最早优先";
    SortDeadline => "Nearest deadline", "截止时间最近";
    Apply => "Apply", "应用";
    NoRequests => "No requests match.", "没有符合条件的服务请求。";
    Found => "Found:", "共找到：";
    Pages => "Pages", "分页";
    Previous => "Previous", "上一页";
    Next => "Next", "下一页";
    StatusNew => "New", "新建";
    StatusTriaged => "Triaged", "已分诊";
    StatusAssigned => "Assigned", "已派单";
    StatusInProgress => "In progress", "处理中";
    StatusWaiting => "Waiting on you", "等待客户";
    StatusResolved => "Resolved", "已解决";
    StatusClosed => "Closed", "已关闭";
    StatusReopened => "Reopened", "已重开";
    StatusCancelled => "Cancelled", "已取消";
    Sev1 => "1 · Critical", "1 级 · 紧急";
    Sev2 => "2 · Major", "2 级 · 严重";
    Sev3 => "3 · Minor", "3 级 · 一般";
    Sev1Def => "System down or service interrupted so basic functions fail; other business interrupted over 10 minutes; or key business data lost.", "系统宕机或服务中断导致基本功能失效；其他业务中断超过 10 分钟；或关键业务数据丢失。";
    Sev2Def => "Directly affects service: performance or capacity partly lost, or a latent risk of outage.", "直接影响服务：性能或容量部分丧失，或存在潜在的中断风险。";
    Sev3Def => "Affects functions or performance; key business not affected.", "影响功能或性能，但关键业务不受影响。";
    ActTriage => "Triage", "分诊";
    ActAssign => "Assign", "派单";
    ActReassign => "Reassign", "改派";
    ActStartWork => "Start work", "开始处理";
    ActAskCustomer => "Ask the customer", "请客户补充信息";
    ActCustomerReplied => "Customer answered", "客户已答复";
    ActResolve => "Mark resolved", "标记为已解决";
    ActConfirm => "Confirm it is solved", "确认已解决";
    ActReject => "Not solved yet", "问题未解决";
    ActAutoClose => "Close automatically", "自动关闭";
    ActReopen => "Reopen", "重新打开";
    ActCancel => "Cancel request", "撤销请求";
    SlaClocks => "Service clocks", "服务时限";
    ClockFirstResponse => "First response", "首次响应";
    ClockOnSite => "On site", "到场";
    ClockResolution => "Resolution", "解决";
    ClockLeft => "{t} left", "剩余 {t}";
    ClockOverdue => "Overdue by {t}", "已超时 {t}";
    ClockPaused => "Paused:", "已暂停：";
    ClockMet => "Met", "已达成";
    Deadline => "Due", "截止";
    ClockBusinessNote => "Counted in the contract's business hours", "按合同约定的工作时间计算";
    ClockAllDayNote => "Counted around the clock (7x24)", "按 7x24 全天计算";
    Escalated => "Escalated", "已升级";
    Requester => "Reported by", "报告人";
    Engineer => "Engineer", "工程师";
    WhatNext => "Next steps", "下一步";
    Note => "Note", "备注";
    Reply => "Reply", "回复";
    SendReply => "Send reply", "发送回复";
    ReplySent => "Reply sent.", "回复已发送。";
    Attachments => "Attachments", "附件";
    AddFile => "Add a file", "添加文件";
    Upload => "Upload", "上传";
    UploadHint => "Images, PDF or text logs, up to 10 MB.", "图片、PDF 或文本日志，最大 10 MB。";
    UploadOk => "The file was added.", "文件已添加。";
    UploadBadType => "This kind of file is not accepted: use an image, a PDF or a text log.", "不接受此类文件：请上传图片、PDF 或文本日志。";
    UploadTooLarge => "The file is larger than 10 MB.", "文件超过 10 MB。";
    UploadEmpty => "Choose a file first.", "请先选择文件。";
    Timeline => "History", "处理记录";
    SystemActor => "System", "系统";
    TlCreated => "Request submitted.", "提交了服务请求。";
    TlStatus => "Status: {from} → {to}", "状态：{from} → {to}";
    TlAssigned => "Assigned to {name}.", "派单给 {name}。";
    TlPaused => "Clock paused, waiting on the customer: {reason}", "计时暂停，等待客户：{reason}";
    TlResumed => "Clock running again.", "恢复计时。";
    TlEscalated => "Resolution time missed: severity raised from {from} to {to}.", "超出解决时限：严重级别由 {from} 级升为 {to} 级。";
    TlBreached => "Resolution time missed at the highest severity: escalated to management.", "最高级别仍超出解决时限：已上报管理层。";
    TlAttachment => "Added the file {name}.", "添加了文件 {name}。";
    ReqTitle => "Short summary", "问题摘要";
    ReqDescription => "What happened? What did you try?", "发生了什么？您尝试过哪些操作？";
    ReqKind => "Type of request", "请求类型";
    KindFault => "Fault", "故障报修";
    KindConsultation => "Question / consultation", "技术咨询";
    ReqFaultKind => "Fault type", "故障类型";
    FaultSoftware => "Software", "软件";
    FaultHardware => "Hardware (an engineer comes on site)", "硬件（工程师上门）";
    NotAFault => "Not a fault", "非故障";
    ReqSystem => "System or equipment concerned", "相关系统或设备";
    ReportFor => "Report on behalf of", "代为报告";
    ContactPhone => "Contact phone", "联系电话";
    SubmitRequest => "Submit request", "提交请求";
    YourContract => "Your service contract: tier", "您的服务合同等级：";
    AttachLater => "You can add screenshots, PDFs and logs on the request's page right after submitting.", "提交后可在请求页面添加截图、PDF 和日志。";
    Notifications => "Notifications", "通知";
    Unread => "unread", "条未读";
    MarkAllRead => "Mark all as read", "全部标为已读";
    NoNotifications => "Nothing new.", "暂无通知。";
    NotifReply => "{name} replied.", "{name} 回复了。";
    NotifStatus => "Status is now: {status}", "状态已变为：{status}";
    NotifEscalated => "The resolution time was missed; the severity was raised.", "已超出解决时限，严重级别已提升。";
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
