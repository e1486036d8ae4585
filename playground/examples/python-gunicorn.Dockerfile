# A Django site served by gunicorn: wheels built in one stage, installed in
# the next, which creates a named user for the app.
FROM python:3.12-slim AS build
WORKDIR /src
COPY requirements.txt .
RUN pip wheel --no-cache-dir --wheel-dir /wheels -r requirements.txt

FROM python:3.12-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system app && useradd --system --gid app --home-dir /srv/app app
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/* && rm -rf /wheels
WORKDIR /srv/app
COPY --chown=app:app . .
RUN python manage.py collectstatic --noinput
VOLUME /srv/app/media
USER app
EXPOSE 8000
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "site.wsgi"]
