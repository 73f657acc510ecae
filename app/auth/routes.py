"""Login, logout, my account and my sessions; two-factor login (the second step: app code, recovery code or
passkey) and setting up my authenticator app, recovery codes and passkeys. The QR code is an SVG made on the server
(no script, CSP holds)."""

from __future__ import annotations

from urllib.parse import urlsplit

import segno
from flask import Response, abort, current_app, flash, g, jsonify, redirect, request, session, url_for
from flask_babel import format_timedelta, ngettext
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from app.auth import bp, factors, flow, passkeys, selectors, services
from app.auth.devices import device_label
from app.auth.forms import LanguageForm, LoginForm, PasswordForm, TotpForm, TwoFactorForm
from app.auth.passwords import context_words, verify_password
from app.core.auth import public
from app.core.htmx import render
from app.core.registry import regions
from app.core.transaction import keep_changes


def too_many(wait) -> str:
    """The throttling message, with the wait in the user's language."""
    return _("Too many failed attempts from this device. Wait %(wait)s and try again.",
             wait=format_timedelta(wait, threshold=1.1, add_direction=False))


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    """Show the login form; check e-mail and password, then ask for the second factor or log in."""
    form = LoginForm(next=request.args.get("next", ""))
    page = {"form": form, "demo": current_app.config["DEMO_MODE"]}
    if not form.validate_on_submit():
        return render("auth/login.html", **page)
    wait = selectors.login_wait(email=form.email.data, ip=flow.client_ip())
    if wait:
        return render("auth/login.html", **page, status=429, error=too_many(wait))
    user = services.login_attempt(email=form.email.data, password=form.password.data, ip=flow.client_ip(),
                                  demo_mode=current_app.config["DEMO_MODE"])
    if user is None:
        keep_changes()
        return render("auth/login.html", **page, status=401, error=_("Wrong e-mail or password."))
    return flow.after_password(user, form.next.data)


@bp.post("/logout")
def logout():
    """End the session on the server and in the browser."""
    services.session_end(token=session.get("auth_token"))
    logout_user()
    session.clear()
    response = redirect(url_for("auth.login"), 303)
    response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response


@bp.get("/account")
def account():
    """My account: language, password, second factors, my sessions and the regions other packages add."""
    config = current_app.config
    return render("auth/account.html", form=LanguageForm(language=current_user.language or ""),
                  account_regions=regions("account"), factors=selectors.factors_of(current_user.id),
                  required=selectors.two_factor_required(current_user), current_session_id=g.get("auth_session_id"),
                  sessions=selectors.sessions_of_user(current_user.id, idle=config["SESSION_IDLE_TIMEOUT"],
                                                      absolute=config["SESSION_ABSOLUTE_TIMEOUT"]))


@bp.post("/sessions/<int:session_id>/end")
def session_end(session_id: int):
    """End one of my other sessions (another device, a forgotten browser)."""
    if session_id == g.get("auth_session_id") or not services.session_revoke(user=current_user, session_id=session_id):
        abort(404)
    flash(_("The session was ended."), "success")
    return redirect(url_for("auth.account") + "#sessions", 303)


@bp.post("/sessions/end-others")
def sessions_end_others():
    """End every session of mine but this one."""
    services.sessions_revoke_all(user=current_user, keep_id=g.get("auth_session_id"))
    flash(_("Your other sessions were ended."), "success")
    return redirect(url_for("auth.account") + "#sessions", 303)


@bp.post("/language")
@public
def language():
    """Switch the UI language (stored on the user, or in the session before login)."""
    form = LanguageForm()
    if form.validate_on_submit():
        if current_user.is_authenticated:
            services.user_set_language(user=current_user, language=form.language.data)
        session["language"] = form.language.data or None
    return redirect(flow.safe_next(_back()), 303)


def _back() -> str:
    referrer = request.referrer or ""
    parts = urlsplit(referrer)
    if parts.netloc and parts.netloc != request.host:
        return url_for("home.dashboard")
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


@bp.route("/password", methods=["GET", "POST"])
def password():
    """Change my password (required after an administrator's reset); my other sessions end."""
    user = current_user
    organisation = user.organisation
    form = PasswordForm(context=context_words(email=user.email, name=user.name, organisation_name=organisation.name,
                                              organisation_slug=organisation.slug))
    if form.validate_on_submit():
        if not verify_password(user.password_hash, form.current.data):
            form.current.errors.append(_("The current password is wrong."))
        else:
            services.user_set_password(user=user, password=form.new.data)
            services.sessions_revoke_all(user=user, keep_id=g.get("auth_session_id"))
            flash(_("Your password was changed. Your other sessions were ended."), "success")
            return redirect(url_for("auth.account"), 303)
    return render("auth/password.html", form=form, status=422 if form.errors else 200)


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
