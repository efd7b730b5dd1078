from django.urls import path

from . import views

urlpatterns = [
    path("", views.preferences, name="reminder_preferences"),
]
