"""Account records for the access tests: B's login session, and a passkey of B's colleague (a user with a factor
must pass the second step at login, so B itself keeps logging in by password). A may neither see nor end them."""

from sqlalchemy import select

from app.auth import factors, selectors, services
from app.auth.models import AuthSession
from app.extensions import db


def build(world) -> None:
    """B's session and B's colleague's passkey; the passkey's name is a marker."""
    colleague = world.factory.user(world.b.org, email="b-colleague@example.test", roles=("coach",))
    with world.app.app_context():
        user = selectors.user_get(world.b.id)
        services.session_start(user=user, ip="10.0.0.2", user_agent="Mozilla/5.0 (Windows NT 10.0) Firefox/133.0")
        passkey = factors.passkey_add(user=selectors.user_get(colleague.id), credential_id=b"b-credential",
                                      public_key=b"b-key", sign_count=0, name=world.marker("passkey-name"),
                                      transports=["internal"])
        session_id = db.session.scalar(select(AuthSession.id).where(AuthSession.user_id == user.id))
        db.session.commit()
        world.private["session_id"] = session_id
        world.private["passkey_id"] = passkey.id
