import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the local admin login once (random password, kept in .tmp/admin-password) and print it."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--site-url", default="http://127.0.0.1:8000", help="where the site is served")

    def handle(self, *args, username, site_url, **options):
        password_file = Path(settings.BASE_DIR) / ".tmp" / "admin-password"
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None or not password_file.exists():
            password = secrets.token_urlsafe(12)
            user = user or User(username=username, email=f"{username}@example.org")
            user.is_staff = user.is_superuser = True
            user.set_password(password)
            user.save()
            password_file.parent.mkdir(exist_ok=True)
            password_file.write_text(password)
        password = password_file.read_text().strip()
        self.stdout.write(
            self.style.SUCCESS(f"Admin login: {site_url.rstrip('/')}/admin/  user: {username}  password: {password}")
        )
