//! One file a page, named `*_page.rs`; each starts with a `Guard` for its `domain::Page`.
mod account_page;
mod admin_organization_page;
mod admin_organizations_page;
mod home_page;
mod new_request_page;
mod notifications_page;
mod request_page;
mod requests_page;
mod not_found_page;
mod org_users_page;
mod sign_in_page;

pub use account_page::AccountPage;
pub use admin_organization_page::AdminOrganizationPage;
pub use admin_organizations_page::AdminOrganizationsPage;
pub use home_page::HomePage;
pub use new_request_page::NewRequestPage;
pub use notifications_page::NotificationsPage;
pub use request_page::RequestPage;
pub use requests_page::RequestsPage;
pub use not_found_page::NotFoundPage;
pub use org_users_page::OrgUsersPage;
pub use sign_in_page::SignInPage;
