"""WebAuthn ceremonies for passkeys (the `webauthn` package does the verification). The relying party is the host
the browser talks to (behind a proxy, RATKO_PROXY_HOPS makes the scheme right); a challenge lives in the login
session until it is used once."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from urllib.parse import urlsplit

from flask import current_app, request, session
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from app.auth.models import Passkey, User

log = logging.getLogger("ratko.auth")
CHALLENGE_KEY = "webauthn_challenge"
RP_NAME = "RATKO"
TIMEOUT_MS = 120_000


class PasskeyError(Exception):
    """The browser's answer could not be verified."""


def _rp_id() -> str:
    return urlsplit(request.host_url).hostname or ""


def _origin() -> str:
    return f"{request.scheme}://{request.host}"


def _descriptors(passkeys: list[Passkey]) -> list[PublicKeyCredentialDescriptor]:
    known = {t.value for t in AuthenticatorTransport}
    return [PublicKeyCredentialDescriptor(
        id=p.credential_id, transports=[AuthenticatorTransport(t) for t in p.transports.split(",") if t in known])
        for p in passkeys]


def user_handle(user: User) -> bytes:
    """A stable opaque id of the user for authenticators (no e-mail or database id in it)."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"webauthn-user:{user.id}".encode(), hashlib.sha256).digest()[:32]


def registration_options(*, user: User, existing: list[Passkey]) -> str:
    """Options for navigator.credentials.create(), as JSON; remembers the challenge."""
    options = generate_registration_options(
        rp_id=_rp_id(), rp_name=RP_NAME, user_name=user.email, user_display_name=user.name,
        user_id=user_handle(user), timeout=TIMEOUT_MS, exclude_credentials=_descriptors(existing),
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.PREFERRED, user_verification=UserVerificationRequirement.PREFERRED))
    session[CHALLENGE_KEY] = bytes_to_base64url(options.challenge)
    return options_to_json(options)


def authentication_options(*, passkeys: list[Passkey]) -> str:
    """Options for navigator.credentials.get() limited to the user's passkeys, as JSON; remembers the challenge."""
    options = generate_authentication_options(rp_id=_rp_id(), timeout=TIMEOUT_MS,
                                              allow_credentials=_descriptors(passkeys),
                                              user_verification=UserVerificationRequirement.PREFERRED)
    session[CHALLENGE_KEY] = bytes_to_base64url(options.challenge)
    return options_to_json(options)


def _challenge() -> bytes:
    challenge = session.pop(CHALLENGE_KEY, None)
    if not challenge:
        raise PasskeyError("no challenge")
    return base64url_to_bytes(challenge)


def verify_registration(credential: dict):
    """Verify the browser's answer to registration_options(); returns webauthn's VerifiedRegistration."""
    challenge = _challenge()
    try:
        return verify_registration_response(credential=credential, expected_challenge=challenge,
                                            expected_rp_id=_rp_id(), expected_origin=_origin())
    except Exception as error:  # noqa: BLE001 - webauthn and its parsers raise many kinds for a bad answer
        log.info("passkey registration refused: %s", error)
        raise PasskeyError(str(error)) from None


def credential_raw_id(credential: dict) -> bytes:
    """The credential id the browser answered with."""
    try:
        return base64url_to_bytes(str(credential.get("rawId") or ""))
    except (ValueError, TypeError):
        raise PasskeyError("bad credential id") from None


def verify_authentication(credential: dict, passkey: Passkey) -> int:
    """Verify the browser's answer to authentication_options() for `passkey`; returns the new signature counter."""
    challenge = _challenge()
    try:
        verified = verify_authentication_response(
            credential=credential, expected_challenge=challenge, expected_rp_id=_rp_id(),
            expected_origin=_origin(), credential_public_key=passkey.public_key,
            credential_current_sign_count=passkey.sign_count)
    except Exception as error:  # noqa: BLE001 - as above
        log.info("passkey login refused: %s", error)
        raise PasskeyError(str(error)) from None
    return verified.new_sign_count


def transports_of(credential: dict) -> list[str]:
    """The transports the browser reported for a new credential (hints for later logins)."""
    response = credential.get("response") if isinstance(credential, dict) else None
    found = response.get("transports") if isinstance(response, dict) else None
    known = {t.value for t in AuthenticatorTransport}
    return [t for t in found if t in known] if isinstance(found, list) else []


def parse_body(data: bytes) -> dict:
    """The JSON body of a passkey request as a dict (empty when it is not one)."""
    try:
        value = json.loads(data or b"{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
