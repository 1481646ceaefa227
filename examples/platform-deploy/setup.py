"""Legacy packaging, kept for the internal index."""
from setuptools import find_packages, setup

REQUIRES = [
    "mlflow>=2.9,<3",
    "pandas>=2.0",
]

setup(
    name="platform-deploy",
    version="0.4.0",
    packages=find_packages(),
    install_requires=REQUIRES,
    python_requires=">=3.8",
)
