"""The OpenAPI description, and a smoke test of every path it lists (no schemathesis)."""

import pytest

from sendtrack.api.services import create_api_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_the_description_is_public_and_lists_every_endpoint(document):
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {
        "/api/plans",
        "/api/actions",
        "/api/risks",
        "/api/indicator-values",
    }
    assert document["components"]["securitySchemes"]["ApiTokenAuth"]["scheme"] == "bearer"
    actions = document["components"]["schemas"]["ActionOut"]["properties"]
    assert {"rag", "rag_reason", "owner"} <= set(actions)
    assert not any("email" in name for name in actions)


def test_every_path_is_a_get_only(document):
    for path, operations in document["paths"].items():
        assert set(operations) == {"get"}, path


def test_every_path_answers_200_with_a_token_and_401_without(client, partnership, document):
    _, token = create_api_token(partnership=partnership, name="Smoke test")
    assert document["paths"]
    for path, operations in document["paths"].items():
        for method in operations:
            assert getattr(client, method)(path).status_code == 401, path
            response = getattr(client, method)(path, HTTP_AUTHORIZATION=f"Bearer {token}")
            assert response.status_code == 200, path
            assert set(response.json()) == {"count", "limit", "offset", "items"}
