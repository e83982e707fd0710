"""Steps several browser journeys share."""

DEMO_PASSWORD = "demo-pass-2024"


def admin_login(page, username: str, password: str = DEMO_PASSWORD):
    """Logs in through the Wagtail admin's login form and lands on the
    dashboard."""
    page.goto("/admin/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/admin/")


def resident_login(page, login: str, password: str = DEMO_PASSWORD):
    """Logs in through the residents' (allauth) login form, in English."""
    page.goto("/en/account/login/")
    page.get_by_label("Login").fill(login)
    page.get_by_label("Password").fill(password)
    page.get_by_role("main").get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/account/profile/")
