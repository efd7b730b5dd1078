from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from sendtrack.accounts import views as account_views
from sendtrack.people import views as people_views
from sendtrack.reminders import views as reminder_views

urlpatterns = [
    path("", account_views.home, name="home"),
    path(
        "sign-in/",
        auth_views.LoginView.as_view(
            template_name="registration/sign_in.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/password/", people_views.ChangePassword.as_view(), name="change_password"),
    path(
        "sign-in/set-password/<uidb64>/<token>/",
        people_views.SetPassword.as_view(),
        name="set_password",
    ),
    # Each part's pages, mounted here and nowhere else.
    path("p/<slug:partnership>/people/", include("sendtrack.people.urls")),
    path("p/<slug:partnership>/imports/", include("sendtrack.imports.urls")),
    path("p/<slug:partnership>/indicators/", include("sendtrack.indicators.urls")),
    path("p/<slug:partnership>/reports/", include("sendtrack.reports.urls")),
    path("p/<slug:partnership>/reminders/", include("sendtrack.reminders.urls")),
    path("p/<slug:partnership>/", include("sendtrack.plans.urls")),
    path("p/<slug:partnership>/statutory/", include("sendtrack.statutory.urls")),
    path("public/<slug:partnership>/", include("sendtrack.reports.public_urls")),
    path("reminders/stop/<str:token>/", reminder_views.stop_digest, name="stop_digest"),
    path("sendiass/", include("sendtrack.sendiass.urls")),
    path("api/", include("sendtrack.api.urls")),
    path("admin/", admin.site.urls),
]
