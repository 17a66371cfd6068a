FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements.lock .
RUN pip install --no-cache-dir --require-hashes -r requirements.lock
COPY . .
RUN python -m core.catalogues locale/*/LC_MESSAGES/django.po
RUN useradd --create-home dsi && chown -R dsi /app
USER dsi
EXPOSE 8000
CMD ["gunicorn", "dsi_directory.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3"]
