from django.urls import path

from . import views

app_name = "widgets"
urlpatterns = [
    path("widget/", views.builder, name="builder"),
    path("widget/frame/", views.frame, name="frame"),
]
