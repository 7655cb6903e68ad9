# The production image: the site under gunicorn, static files compressed and cache-busted by WhiteNoise.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=kreissite.settings.production
WORKDIR /app
RUN useradd --create-home --uid 1000 app

COPY . .
RUN pip install -e . \
 && SECRET_KEY=collectstatic-at-build-time-only-never-used-to-serve ALLOWED_HOSTS=build \
    python manage.py collectstatic --no-input \
 && chown -R app /app

USER app
EXPOSE 8000
CMD ["gunicorn", "kreissite.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--access-logfile", "-", "--forwarded-allow-ips", "*"]
