from django.urls import path

from . import views

urlpatterns = [
    path("", views.indicator_list, name="indicator_list"),
    path("export.<str:fmt>", views.indicator_list_export, name="indicator_list_export"),
    path("add/", views.indicator_add, name="indicator_add"),
    path("track/<int:impact_id>/", views.indicator_track, name="indicator_track"),
    path("<int:indicator_id>/", views.indicator_detail, name="indicator_detail"),
    path("<int:indicator_id>/edit/", views.indicator_edit, name="indicator_edit"),
    path("<int:indicator_id>/values/", views.indicator_value, name="indicator_value"),
    path("<int:indicator_id>/export.<str:fmt>", views.indicator_export, name="indicator_export"),
]
