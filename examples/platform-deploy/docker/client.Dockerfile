# Batch scoring client
FROM python:3.9-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt \
    && pip install --no-cache-dir mlflow==2.9.2
ENV MLFLOW_DISABLE_TELEMETRY=true
COPY . .
CMD ["python", "-m", "jobs.score"]
