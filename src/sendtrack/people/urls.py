from django.urls import path

from . import views

urlpatterns = [
    path("", views.people, name="people"),
    path("new/", views.person_edit, name="person_new"),
    path("<int:person_id>/", views.person_edit, name="person_edit"),
    path("organisations/", views.organisations, name="organisations"),
    path("organisations/new/", views.organisation_edit, name="organisation_new"),
    path(
        "organisations/<int:organisation_id>/",
        views.organisation_edit,
        name="organisation_edit",
    ),
    path("sign-ins/", views.sign_ins, name="sign_ins"),
    path("sign-ins/new/", views.sign_in_new, name="sign_in_new"),
    path("sign-ins/<int:membership_id>/", views.sign_in_edit, name="sign_in_edit"),
    path("sign-ins/<int:membership_id>/remove/", views.sign_in_remove, name="sign_in_remove"),
    path("sign-ins/<int:membership_id>/reset/", views.sign_in_reset, name="sign_in_reset"),
]
