from django.urls import path

from . import views

app_name = "statutory"

urlpatterns = [
    path("", views.home, name="home"),
    path("worklists/<slug:worklist>/", views.worklist, name="worklist"),
    path(
        "worklists/<slug:worklist>/export.<str:fmt>",
        views.worklist_export,
        name="worklist_export",
    ),
    path("children/<int:child_id>/", views.child_detail, name="child_detail"),
    path("assessments/<int:assessment_id>/", views.assessment_detail, name="assessment_detail"),
    path(
        "assessments/<int:assessment_id>/decision/",
        views.assessment_decision,
        name="assessment_decision",
    ),
    path(
        "assessments/<int:assessment_id>/exception/",
        views.assessment_exception,
        name="assessment_exception",
    ),
    path("assessments/<int:assessment_id>/draft/", views.assessment_draft, name="assessment_draft"),
    path("assessments/<int:assessment_id>/final/", views.assessment_final, name="assessment_final"),
    path("reviews/<int:review_id>/decision/", views.review_decision, name="review_decision"),
    path(
        "transfers/<int:transfer_id>/finalise/",
        views.transfer_finalise,
        name="transfer_finalise",
    ),
    path("plans/<int:plan_id>/cease/", views.plan_cease, name="plan_cease"),
    path("plans/<int:plan_id>/transfers/add/", views.transfer_add, name="transfer_add"),
    path("reviews/<int:review_id>/meeting/", views.review_meeting, name="review_meeting"),
    path(
        "assessments/<int:assessment_id>/outcome/",
        views.assessment_outcome,
        name="assessment_outcome",
    ),
    path(
        "assessments/<int:assessment_id>/evidence/",
        views.assessment_evidence,
        name="assessment_evidence",
    ),
    path(
        "children/<int:child_id>/requests/add/",
        views.assessment_request,
        name="assessment_request",
    ),
    path("reviews/<int:review_id>/paperwork/", views.review_paperwork, name="review_paperwork"),
    path("measures/", views.measures, name="measures"),
    path("measures/export.<str:fmt>", views.measures_export, name="measures_export"),
    path("school/", views.portal, name="portal"),
    path("school/reviews/<int:review_id>/", views.portal_review, name="portal_review"),
]
