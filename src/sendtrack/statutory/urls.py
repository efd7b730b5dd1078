from django.urls import URLPattern, path

from . import views

app_name = "statutory"


def _step(route: str, step: str) -> URLPattern:
    """A recording page (views.STEPS), named by its step."""
    return path(route, views.record_step, {"step": step}, name=step)


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
    _step("assessments/<int:assessment_id>/decision/", "assessment_decision"),
    _step("assessments/<int:assessment_id>/exception/", "assessment_exception"),
    _step("assessments/<int:assessment_id>/draft/", "assessment_draft"),
    _step("assessments/<int:assessment_id>/final/", "assessment_final"),
    _step("reviews/<int:review_id>/decision/", "review_decision"),
    _step("transfers/<int:transfer_id>/finalise/", "transfer_finalise"),
    _step("plans/<int:plan_id>/cease/", "plan_cease"),
    _step("plans/<int:plan_id>/transfers/add/", "transfer_add"),
    _step("reviews/<int:review_id>/meeting/", "review_meeting"),
    _step("assessments/<int:assessment_id>/outcome/", "assessment_outcome"),
    _step("assessments/<int:assessment_id>/evidence/", "assessment_evidence"),
    _step("children/<int:child_id>/requests/add/", "assessment_request"),
    path("reviews/<int:review_id>/paperwork/", views.review_paperwork, name="review_paperwork"),
    path("measures/", views.measures, name="measures"),
    path("measures/export.<str:fmt>", views.measures_export, name="measures_export"),
    path("school/", views.portal, name="portal"),
    path("school/reviews/<int:review_id>/", views.portal_review, name="portal_review"),
]
