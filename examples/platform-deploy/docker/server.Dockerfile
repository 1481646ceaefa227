# Tracking server: already on MLflow 3
FROM python:3.11-slim
RUN pip install --no-cache-dir mlflow==3.4.0 psycopg2-binary==2.9.9
EXPOSE 5000
CMD ["mlflow", "server", "--host", "0.0.0.0", "--port", "5000", "--backend-store-uri", "postgresql://mlflow@db/mlflow"]
