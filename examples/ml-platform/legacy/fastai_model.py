"""Legacy support-ticket image classifier (fastai), kept until the PyTorch rewrite ships."""
import mlflow
import mlflow.fastai
from fastai.vision.all import ImageDataLoaders, Resize, error_rate, resnet34, vision_learner


def train_ticket_classifier(image_dir: str, epochs: int = 3):
    mlflow.fastai.autolog()
    dls = ImageDataLoaders.from_folder(image_dir, valid_pct=0.2, item_tfms=Resize(224))
    learn = vision_learner(dls, resnet34, metrics=error_rate)
    with mlflow.start_run(run_name="ticket-classifier"):
        learn.fine_tune(epochs)
        mlflow.fastai.log_model(learn, "model", registered_model_name="ticket-classifier")
    return learn


def load_ticket_classifier(model_uri: str):
    return mlflow.fastai.load_model(model_uri)
