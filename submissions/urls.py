from django.urls import path

from . import views

app_name = "submissions"
urlpatterns = [
    path("vorschlagen/", views.suggest_offer, name="suggest"),
    path("vorschlagen/danke/", views.thanks, name="thanks"),
    path(
        "vorschlagen/benachrichtigung/<int:pk>/<str:token>/",
        views.confirm_notification,
        name="confirm_notification",
    ),
]
