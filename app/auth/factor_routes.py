"""Two-factor login: the second step of a login (app code, recovery code or passkey), and setting up my authenticator
app, recovery codes and passkeys. The QR code is an SVG made on the server (no script, CSP holds)."""

from __future__ import annotations

import segno
from flask import Response, abort, flash, g, jsonify, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from app.auth import bp, factors, flow, passkeys, selectors, services
from app.auth.devices import device_label
from app.auth.forms import TotpForm, TwoFactorForm
from app.auth.routes import too_many
from app.core.auth import public
from app.core.htmx import render
from app.core.transaction import keep_changes

TOTP_PENDING = "totp_pending_secret"
ISSUER = "RATKO"


def _refused(message: str, status: int) -> Response:
    keep_changes()  # the failed attempt is recorded for throttling
    return jsonify(error=message), status


def _check_code(user, code: str) -> str | None:
    """Which factor the code passed: an app code, then a recovery code."""
    if factors.totp_verify(user=user, code=code):
        return "totp"
    if factors.recovery_code_use(user=user, code=code):
        return "recovery"
    return None


@bp.route("/two-factor", methods=["GET", "POST"])
@public
def two_factor():
    """The second step of a login: a code from the app or a recovery code, or a passkey (passkeys.js)."""
    user, form = flow.pending_user(), TwoFactorForm()
    if user is None:
        return redirect(url_for("auth.login"))
    page = {"form": form, "factors": selectors.factors_of(user.id)}
    if not form.validate_on_submit():
        return render("auth/two_factor.html", **page, status=422 if form.errors else 200)
    wait = selectors.login_wait(email=user.email, ip=flow.client_ip())
    if wait:
        return render("auth/two_factor.html", **page, status=429, error=too_many(wait))
    method = _check_code(user, form.code.data)
    if method is None:
        services.attempt_record(email=user.email, ip=flow.client_ip(), success=False)
        keep_changes()
        return render("auth/two_factor.html", **page, status=401, error=_("The code is not right. Try again."))
    target = flow.complete(user, next_url=flow.pending_next(), second_factor=method)
    if method == "recovery":
        _recovery_used_notice(user.id)
    return redirect(target, 303)


def _recovery_used_notice(user_id: int) -> None:
    left = selectors.factors_of(user_id).recovery_left
    flash(ngettext("You used a recovery code. %(num)d code is left.",
                   "You used a recovery code. %(num)d codes are left.", left), "warning")


@bp.post("/two-factor/passkey/options")
@public
def two_factor_passkey_options():
    """The challenge for a passkey of the user who is logging in."""
    user = flow.pending_user()
    found = selectors.factors_of(user.id).passkeys if user else []
    if not found:
        return jsonify(error=_("Your login has expired. Log in again.")), 401
    return Response(passkeys.authentication_options(passkeys=found), mimetype="application/json")


@bp.post("/two-factor/passkey")
@public
def two_factor_passkey():
    """Check the passkey's signature and log in."""
    user = flow.pending_user()
    if user is None:
        return jsonify(error=_("Your login has expired. Log in again.")), 401
    wait = selectors.login_wait(email=user.email, ip=flow.client_ip())
    if wait:
        return jsonify(error=too_many(wait)), 429
    credential = passkeys.parse_body(request.get_data())
    try:
        passkey = selectors.passkey_of(user.id, passkeys.credential_raw_id(credential))
        if passkey is None:
            raise passkeys.PasskeyError("not a passkey of this user")
        sign_count = passkeys.verify_authentication(credential, passkey)
    except passkeys.PasskeyError:
        services.attempt_record(email=user.email, ip=flow.client_ip(), success=False)
        return _refused(_("The passkey was not accepted. Try again or use a code."), 400)
    factors.passkey_used(passkey=passkey, sign_count=sign_count)
    return jsonify(redirect=flow.complete(user, next_url=flow.pending_next(), second_factor="passkey"))


@bp.get("/security")
def security():
    """My second factors: the authenticator app, passkeys and recovery codes."""
    return render("auth/security.html", factors=selectors.factors_of(current_user.id),
                  required=selectors.two_factor_required(current_user), enrolling=g.get("enrolment_required"),
                  default_name=device_label(request.user_agent.string))


@bp.route("/security/totp", methods=["GET", "POST"])
def totp_setup():
    """Set up (or replace) my authenticator app: scan the QR code, then confirm with a code."""
    secret = session.setdefault(TOTP_PENDING, factors.totp_secret())
    form = TotpForm()
    if form.validate_on_submit():
        if factors.totp_enrol(user=current_user, secret=secret, code=form.code.data,
                              keep_session_id=g.get("auth_session_id")):
            session.pop(TOTP_PENDING, None)
            return _first_codes_or(_("The authenticator app is set up."))
        form.code.errors.append(_("The code is not right. Type the newest code the app shows for RATKO."))
    uri = factors.totp_uri(secret=secret, user=current_user, issuer=ISSUER)
    return render("auth/totp.html", form=form, qr=segno.make(uri, error="m").svg_data_uri(scale=5, border=2),
                  secret=" ".join(secret[i:i + 4] for i in range(0, len(secret), 4)),
                  replacing=selectors.factors_of(current_user.id).totp, status=422 if form.errors else 200)


def _first_codes_or(message: str):
    """Show recovery codes right after the first factor is set up; otherwise go back to the security page."""
    if not selectors.factors_of(current_user.id).recovery_left:
        return render("auth/recovery_codes.html", codes=factors.recovery_codes_create(user=current_user))
    flash(message, "success")
    return redirect(url_for("auth.security"), 303)


@bp.post("/security/totp/remove")
def totp_remove():
    """Remove my authenticator app (not the last factor when my role requires one); my other sessions end."""
    found = selectors.factors_of(current_user.id)
    if not found.totp:
        abort(404)
    if selectors.two_factor_required(current_user) and not found.passkeys:
        flash(_("Your role requires two-factor login: add a passkey or set up a new app first."), "error")
    else:
        factors.totp_remove(user=current_user, keep_session_id=g.get("auth_session_id"))
        flash(_("The authenticator app was removed. Your other sessions were ended."), "success")
    return redirect(url_for("auth.security"), 303)


@bp.post("/security/recovery-codes")
def recovery_codes():
    """Make ten new recovery codes (the old ones stop working) and show them once."""
    if not selectors.factors_of(current_user.id).any:
        abort(404)
    return render("auth/recovery_codes.html", codes=factors.recovery_codes_create(user=current_user))


@bp.post("/security/passkeys/options")
def passkey_options():
    """The challenge for registering a new passkey (passkeys.js)."""
    existing = selectors.factors_of(current_user.id).passkeys
    return Response(passkeys.registration_options(user=current_user, existing=existing), mimetype="application/json")


@bp.post("/security/passkeys")
def passkey_add():
    """Verify and keep a new passkey; answers JSON with the page to go to."""
    body = passkeys.parse_body(request.get_data())
    credential = body.get("credential") if isinstance(body.get("credential"), dict) else {}
    name = "".join(char for char in str(body.get("name") or "") if char.isprintable()).strip()[:80]
    try:
        verified = passkeys.verify_registration(credential)
    except passkeys.PasskeyError:
        return jsonify(error=_("The passkey could not be added. Try again.")), 400
    factors.passkey_add(user=current_user, credential_id=verified.credential_id, sign_count=verified.sign_count,
                        public_key=verified.credential_public_key, transports=passkeys.transports_of(credential),
                        name=name or device_label(request.user_agent.string) or _("Passkey"))
    flash(_("The passkey was added."), "success")
    return jsonify(redirect=url_for("auth.security"))


@bp.post("/security/passkeys/<int:passkey_id>/remove")
def passkey_remove(passkey_id: int):
    """Remove one of my passkeys (not the last factor when my role requires one); my other sessions end."""
    found = selectors.factors_of(current_user.id)
    if passkey_id not in {passkey.id for passkey in found.passkeys}:
        abort(404)
    if selectors.two_factor_required(current_user) and not found.totp and len(found.passkeys) == 1:
        flash(_("Your role requires two-factor login: set up the app or another passkey first."), "error")
    else:
        factors.passkey_remove(user=current_user, passkey_id=passkey_id, keep_session_id=g.get("auth_session_id"))
        flash(_("The passkey was removed. Your other sessions were ended."), "success")
    return redirect(url_for("auth.security"), 303)
