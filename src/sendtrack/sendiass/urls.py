from django.urls import path

from . import views

app_name = "sendiass"

urlpatterns = [
    path("", views.home, name="home"),
    path("cases/", views.case_list, name="case_list"),
    path("cases/new/", views.referral_new, name="referral_new"),
    path("queue/", views.triage_queue, name="triage_queue"),
    path("cases/<int:case_id>/", views.case_detail, name="case_detail"),
    path("cases/<int:case_id>/allocate/", views.case_allocate, name="case_allocate"),
    path("cases/<int:case_id>/level/", views.case_level, name="case_level"),
    path("cases/<int:case_id>/change/", views.case_edit, name="case_edit"),
    path("cases/<int:case_id>/contacts/new/", views.contact_new, name="contact_new"),
    path("cases/<int:case_id>/consents/new/", views.consent_new, name="consent_new"),
    path("cases/<int:case_id>/documents/new/", views.document_new, name="document_new"),
    path("cases/<int:case_id>/close/", views.case_close, name="case_close"),
    path("consents/due/", views.consents_due, name="consents_due"),
    path("consents/<int:consent_id>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("documents/<int:document_id>/", views.document_download, name="document_download"),
    path(
        "service-users/<int:service_user_id>/subject-access.zip",
        views.subject_access_export,
        name="subject_access_export",
    ),
    path("triage-criteria/", views.triage_criteria, name="triage_criteria"),
    path(
        "triage-criteria/<int:criterion_id>/",
        views.triage_criterion_edit,
        name="triage_criterion_edit",
    ),
    path("deficits/", views.deficits, name="deficits"),
    path("deficits/new/", views.deficit_new, name="deficit_new"),
    path("evaluations/", views.evaluations, name="evaluations"),
    path("evaluations/professional/", views.professional_link, name="professional_link"),
    path("evaluation/", views.evaluation, name="evaluation"),
    path("evaluation/<str:token>/", views.evaluation_link, name="evaluation_link"),
    path("complaints/", views.complaints, name="complaints"),
    path("complaints/new/", views.complaint_new, name="complaint_new"),
    path("complaints/<int:complaint_id>/", views.complaint_detail, name="complaint_detail"),
    path("report/", views.annual_report, name="annual_report"),
    path("report/report.pdf", views.annual_report_pdf, name="annual_report_pdf"),
    path("report/report.docx", views.annual_report_docx, name="annual_report_docx"),
    path("report/self-assessment/", views.self_assessment, name="self_assessment"),
    path("report/training/", views.training, name="training"),
    path("report/steering-group/", views.steering_group, name="steering_group"),
    path("staff/", views.staff, name="staff"),
]
