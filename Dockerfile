# The production image: the site under gunicorn, static files compressed and cache-busted by WhiteNoise.
# KERN UX (CSS, fonts) comes from npm in a first stage; only its files are copied into the image.
FROM node:20-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=kreissite.settings.production
WORKDIR /app
# pg_dump for the scheduler's backup_database job (Debian's client, at least version 15 like the server).
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 1000 app \
 && mkdir -p /data/media /data/backups \
 && chown app /data/media /data/backups

COPY . .
COPY --from=assets /app/node_modules/@kern-ux/native/dist ./node_modules/@kern-ux/native/dist
RUN pip install -e . \
 && SECRET_KEY=collectstatic-at-build-time-only-never-used-to-serve ALLOWED_HOSTS=build \
    python manage.py collectstatic --no-input \
 && chown -R app /app

USER app
EXPOSE 8000
# Bind address, workers and the trusted proxies (FORWARDED_ALLOW_IPS) are in gunicorn.conf.py.
CMD ["gunicorn", "kreissite.wsgi:application"]
