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
    path("reviews/<int:review_id>/paperwork/", views.review_paperwork, name="review_paperwork"),
    path("measures/", views.measures, name="measures"),
    path("school/", views.portal, name="portal"),
    path("school/reviews/<int:review_id>/", views.portal_review, name="portal_review"),
]
