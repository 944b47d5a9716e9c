/* atr-rdp-session-callbacks.c — FreeRDP's callbacks, run on the session thread
 *
 * Certificates go to the trust store, credential requests and certificate overrides wait on
 * the session's GCond (with disconnect() as the abort path), paints are copied into the
 * session's framebuffer as damaged rectangles.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-rdp"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <freerdp/client.h>
#include <freerdp/freerdp.h>
#include <freerdp/gdi/gdi.h>
#include <freerdp/primitives.h>
#include <freerdp/settings.h>
#include <winpr/wlog.h>

#include "atr-rdp-session-private.h"

#define MAX_DAMAGE_RECTS    64

gint64
_atr_rdp_session_elapsed_us (AtrRdpSession *self)
{
  return g_get_monotonic_time () - self->started_us;
}

void
_atr_rdp_session_set_timing (AtrRdpSession *self,
            gint64        *field)
{
  g_mutex_lock (&self->lock);
  *field = _atr_rdp_session_elapsed_us (self);
  g_mutex_unlock (&self->lock);
}

#define NEGO_TAG "com.freerdp.core.nego"

/* The session whose thread this is: WLog callbacks have no context pointer. */
static GPrivate current_session;

void
_atr_rdp_session_set_current (AtrRdpSession *self)
{
  g_private_set (&current_session, self);
}

/* FreeRDP logs to stdout by default, which would corrupt `atrium-cli --json`: route it to
 * g_debug (G_MESSAGES_DEBUG=atrium-freerdp shows it).
 *
 * FreeRDP (2 and 3) has no hook after its TCP connect; the negotiation request it logs right after
 * connecting (nego.c, "RequestedProtocols") gives the "tcp" timing without a second
 * connection. */
static BOOL
wlog_message_cb (const wLogMessage *msg)
{
  if (msg->Level == WLOG_DEBUG && msg->FormatString != NULL &&
      g_str_has_prefix (msg->FormatString, "RequestedProtocols"))
    {
      AtrRdpSession *self = g_private_get (&current_session);

      if (self != NULL)
        {
          g_mutex_lock (&self->lock);
          if (self->timings.tcp < 0)
            self->timings.tcp = _atr_rdp_session_elapsed_us (self);
          g_mutex_unlock (&self->lock);
        }
    }
  g_log ("atrium-freerdp", G_LOG_LEVEL_DEBUG, "%s", msg->TextString ? msg->TextString : "");
  return TRUE;
}

gpointer
_atr_rdp_session_init_freerdp_once (gpointer data)
{
  wLog *root = WLog_GetRoot ();
  wLogCallbacks callbacks = { 0 };

  /* Skip the ~330 ms generic-vs-optimized benchmark on the first primitives_get(). */
  primitives_set_hints (PRIMITIVES_ONLY_CPU);
  _atr_rdp_session_channels_init_once ();

  callbacks.message = wlog_message_cb;
  if (g_getenv ("WLOG_APPENDER") == NULL &&
      WLog_SetLogAppenderType (root, WLOG_APPENDER_CALLBACK))
    WLog_ConfigureAppender (WLog_GetLogAppender (root), "callbacks", &callbacks);
  if (g_getenv ("WLOG_LEVEL") == NULL)
    WLog_SetLogLevel (WLog_Get (NEGO_TAG), WLOG_DEBUG);
  return NULL;
}

/* --- callbacks (all on the session thread) ------------------------------------------ */

static BOOL
pre_connect_cb (freerdp *instance)
{
  return _atr_rdp_session_channels_pre_connect (instance->context);
}

static BOOL
load_channels_cb (freerdp *instance)
{
  return _atr_rdp_session_channels_load (instance->context);
}

static BOOL
begin_paint_cb (rdpContext *context)
{
  HGDI_WND hwnd = context->gdi->primary->hdc->hwnd;

  hwnd->invalid->null = TRUE;
  hwnd->ninvalid = 0;
  return TRUE;
}

/* Copies @r from FreeRDP's buffer into ours with alpha forced opaque; fb_lock held. */
static void
copy_rect (AtrRdpSession *self,
           rdpGdi        *gdi,
           AtrRdpRect     r)
{
  for (int row = r.y; row < r.y + r.height; row++)
    {
      const guint8 *src = gdi->primary_buffer + (gsize) row * gdi->stride + (gsize) r.x * 4;
      guint8 *dst = self->fb + (gsize) row * self->fb_stride + (gsize) r.x * 4;

      memcpy (dst, src, (gsize) r.width * 4);
      for (int col = 0; col < r.width; col++)
        dst[col * 4 + 3] = 0xFF;
    }
}

static void
add_damage (AtrRdpSession *self,
            rdpGdi        *gdi,
            int            x,
            int            y,
            int            w,
            int            h)
{
  AtrRdpRect r;
  int x2 = MIN (x + w, (int) self->fb_width);
  int y2 = MIN (y + h, (int) self->fb_height);

  r.x = MAX (x, 0);
  r.y = MAX (y, 0);
  r.width = x2 - r.x;
  r.height = y2 - r.y;
  if (r.width <= 0 || r.height <= 0)
    return;

  copy_rect (self, gdi, r);

  if (self->damage->len >= MAX_DAMAGE_RECTS)
    {
      /* Too many pieces for the UI to care: report the bounding box. */
      AtrRdpRect *box = &g_array_index (self->damage, AtrRdpRect, 0);
      int bx2 = box->x + box->width, by2 = box->y + box->height;

      for (guint i = 1; i < self->damage->len; i++)
        {
          AtrRdpRect *o = &g_array_index (self->damage, AtrRdpRect, i);
          box->x = MIN (box->x, o->x);
          box->y = MIN (box->y, o->y);
          bx2 = MAX (bx2, o->x + o->width);
          by2 = MAX (by2, o->y + o->height);
        }
      box->x = MIN (box->x, r.x);
      box->y = MIN (box->y, r.y);
      box->width = MAX (bx2, r.x + r.width) - box->x;
      box->height = MAX (by2, r.y + r.height) - box->y;
      g_array_set_size (self->damage, 1);
      return;
    }

  g_array_append_val (self->damage, r);
}

static BOOL
end_paint_cb (rdpContext *context)
{
  AtrRdpSession *self = ((AtrRdpContext *) context)->session;
  rdpGdi *gdi = context->gdi;
  HGDI_WND hwnd = gdi->primary->hdc->hwnd;
  guint before;
  gboolean first = FALSE;

  /* The first EndPaints of a session can be empty: only count real content. */
  if (hwnd->invalid->null)
    return TRUE;

  /* Timed before the frame is posted, so that whoever sees the frame sees the timing. */
  g_mutex_lock (&self->lock);
  if (self->timings.first_frame < 0)
    {
      self->timings.first_frame = _atr_rdp_session_elapsed_us (self);
      first = TRUE;
    }
  g_mutex_unlock (&self->lock);

  g_mutex_lock (&self->fb_lock);
  before = self->damage->len;
  if (hwnd->ninvalid > 0)
    for (int i = 0; i < hwnd->ninvalid; i++)
      add_damage (self, gdi, hwnd->cinvalid[i].x, hwnd->cinvalid[i].y,
                  hwnd->cinvalid[i].w, hwnd->cinvalid[i].h);
  else
    add_damage (self, gdi, hwnd->invalid->x, hwnd->invalid->y, hwnd->invalid->w,
                hwnd->invalid->h);
  if (self->damage->len > 0 && (self->damage->len != before || before >= MAX_DAMAGE_RECTS))
    _atr_rdp_session_post_frame (self);
  g_mutex_unlock (&self->fb_lock);

  if (first)
    g_debug ("First frame from %s", atr_rdp_target_get_host (self->target));
  return TRUE;
}

/* A new framebuffer of the GDI's size, opaque black; its whole area is damage to report
 * after the size itself (the desktop-resized message goes first). */
static gboolean
allocate_framebuffer (AtrRdpSession *self,
                      rdpGdi        *gdi)
{
  AtrRdpRect all = { 0, 0, gdi->width, gdi->height };

  g_mutex_lock (&self->lock);
  atr_rdp_resize_set_desktop (&self->resize, (guint) gdi->width, (guint) gdi->height);
  g_mutex_unlock (&self->lock);

  g_mutex_lock (&self->fb_lock);
  g_free (self->fb);
  self->fb_width = (guint) gdi->width;
  self->fb_height = (guint) gdi->height;
  self->fb_stride = (gsize) self->fb_width * 4;
  self->fb = g_malloc0 (self->fb_stride * self->fb_height);
  for (gsize i = 3; i < self->fb_stride * self->fb_height; i += 4)
    self->fb[i] = 0xFF;
  g_array_set_size (self->damage, 0);
  /* Once the new buffer is in place: whoever reads the size finds a buffer that big. */
  _atr_rdp_session_post_desktop_size (self, self->fb_width, self->fb_height);
  if (self->fb_width > 0 && self->fb_height > 0)
    {
      copy_rect (self, gdi, all);
      g_array_append_val (self->damage, all);
      _atr_rdp_session_post_frame (self);
    }
  g_mutex_unlock (&self->fb_lock);
  return TRUE;
}

/* The server changed the desktop size (reactivation): after a Display Control request, or
 * because it keeps a size of its own. */
static BOOL
desktop_resize_cb (rdpContext *context)
{
  AtrRdpSession *self = ((AtrRdpContext *) context)->session;
  rdpSettings *settings = context->settings;
  UINT32 width = freerdp_settings_get_uint32 (settings, FreeRDP_DesktopWidth);
  UINT32 height = freerdp_settings_get_uint32 (settings, FreeRDP_DesktopHeight);
  RdpgfxClientContext *gfx;
  BOOL ok;

  g_debug ("%s resized the desktop to %ux%u", atr_rdp_target_get_host (self->target),
           width, height);
  /* The graphics pipeline paints into the GDI's buffer from drdynvc's thread. */
  gfx = atr_rdp_graphics_enter (self->graphics);
  ok = gdi_resize (context->gdi, width, height) && allocate_framebuffer (self, context->gdi);
  atr_rdp_graphics_leave (gfx);
  return ok;
}

static void
wipe_settings_string (rdpSettings *settings,
                      size_t       id)
{
  const char *value = freerdp_settings_get_string (settings, id);

  if (value != NULL)
    explicit_bzero ((char *) value, strlen (value));
  freerdp_settings_set_string (settings, id, NULL);
}

static BOOL
post_connect_cb (freerdp *instance)
{
  AtrRdpContext *ctx = (AtrRdpContext *) instance->context;
  AtrRdpSession *self = ctx->session;

  if (!gdi_init (instance, PIXEL_FORMAT_BGRA32))
    return FALSE;
  instance->context->update->BeginPaint = begin_paint_cb;
  instance->context->update->EndPaint = end_paint_cb;
  instance->context->update->DesktopResize = desktop_resize_cb;
  _atr_rdp_session_register_pointer (instance->context);
  _atr_rdp_session_clipboard_post_connect (instance->context);
  allocate_framebuffer (self, instance->context->gdi);

  /* The credentials have done their job: do not keep them in FreeRDP's memory. */
  wipe_settings_string (instance->context->settings, FreeRDP_Password);
  wipe_settings_string (instance->context->settings, FreeRDP_GatewayPassword);

  ctx->attempt->phase = ATR_RDP_PHASE_CONNECTED;
  _atr_rdp_session_set_timing (self, &self->timings.auth);
  return TRUE;
}

static void
post_disconnect_cb (freerdp *instance)
{
  AtrRdpContext *ctx = (AtrRdpContext *) instance->context;

  /* The graphics pipeline's channel closes after this: hand it back before the GDI goes. */
  atr_rdp_graphics_disconnected (ctx->session->graphics, instance->context->gdi, NULL);
  gdi_free (instance);
}

static BOOL
wait_for_credentials (freerdp  *instance,
                      gboolean  gateway,
                      char    **username,
                      char    **password,
                      char    **domain)
{
  AtrRdpContext *ctx = (AtrRdpContext *) instance->context;
  AtrRdpSession *self = ctx->session;
  gboolean given = FALSE;
  gboolean quit;

  /* Pending before the request goes out, so that an immediate answer is not lost. */
  g_mutex_lock (&self->lock);
  self->credentials_answer = ATR_RDP_ANSWER_PENDING;
  g_mutex_unlock (&self->lock);
  _atr_rdp_session_post_credentials (self, gateway, ctx->attempt->cert_host);

  g_mutex_lock (&self->lock);
  while (self->credentials_answer != ATR_RDP_ANSWER_GIVEN && !self->quit)
    g_cond_wait (&self->cond, &self->lock);
  if (self->credentials_answer == ATR_RDP_ANSWER_GIVEN && self->credentials_given && !self->quit)
    {
      free (*username);
      free (*password);
      free (*domain);
      *username = _strdup (self->username);
      *password = _strdup (self->password ? self->password : "");
      *domain = self->domain ? _strdup (self->domain) : NULL;
      given = TRUE;
    }
  self->credentials_answer = ATR_RDP_ANSWER_NONE;
  quit = self->quit;
  g_mutex_unlock (&self->lock);

  /* Refused (nobody to ask, or the user said no) is a failed logon, not a cancel, although
   * FreeRDP 3 reports it as CONNECT_CANCELLED (atr_rdp_error_classify()). */
  if (!given && !quit)
    ctx->attempt->credentials_refused = TRUE;
  return given;
}

/* FreeRDP 3 asks through one callback and says why: the host's logon (NLA, TLS or RDP
 * security) or the RD Gateway's (HTTP, RDG, RPC). A gateway that shares the host's
 * credentials (GatewayUseSameCredentials) has them copied to the host by FreeRDP, so the
 * user is asked once. Smartcard PINs are not offered: the connection is refused.
 *
 * Only NLA needs credentials before the session starts. With TLS or RDP security the
 * server shows its own logon screen, so we go on with what we have (TRUE, the values
 * untouched) instead of asking: FreeRDP 2 never asked there either. */
static BOOL
authenticate_ex_cb (freerdp         *instance,
                    char           **username,
                    char           **password,
                    char           **domain,
                    rdp_auth_reason  reason)
{
  switch (reason)
    {
    case AUTH_TLS:
    case AUTH_RDP:
      return TRUE;
    case AUTH_NLA:
      return wait_for_credentials (instance, FALSE, username, password, domain);
    case GW_AUTH_HTTP:
    case GW_AUTH_RDG:
    case GW_AUTH_RPC:
      return wait_for_credentials (instance, TRUE, username, password, domain);
    case AUTH_SMARTCARD_PIN:
    default:
      g_debug ("%s asked for credentials of a kind Atrium does not offer (reason %d)",
               atr_rdp_target_get_host (((AtrRdpContext *) instance->context)->session->target),
               (int) reason);
      return FALSE;
    }
}

/* Our trust store decides every certificate (ExternalCertificateManagement): against the
 * host name the user asked for (or the gateway's name), never the address we dialled. */
static int
verify_x509_cb (freerdp    *instance,
                const BYTE *data,
                size_t      length,
                const char *hostname,
                UINT16      port,
                DWORD       flags)
{
  AtrRdpContext *ctx = (AtrRdpContext *) instance->context;
  AtrRdpSession *self = ctx->session;
  AtrRdpAttempt *attempt = ctx->attempt;
  g_autofree char *pem = g_strndup ((const char *) data, length);
  g_autofree char *detail = NULL;
  g_autoptr(AtrRdpCertificate) certificate = NULL;
  const char *check_host = attempt->cert_host;
  gboolean gateway = (flags & VERIFY_CERT_FLAG_GATEWAY) != 0;
  AtrTrustReason reason;
  gboolean accept;

  if (flags & VERIFY_CERT_FLAG_REDIRECT)
    check_host = hostname;   /* the server redirected us: that name must match */
  else if (gateway && attempt->endpoint->gateway_name != NULL)
    check_host = attempt->endpoint->gateway_name;
  else if (!gateway)
    check_host = atr_rdp_target_get_host (self->target);

  _atr_rdp_session_set_timing (self, &self->timings.tls);
  reason = atr_trust_store_verify_pem (self->trust, pem, check_host, &detail);
  certificate = atr_rdp_certificate_new (check_host, port, gateway, pem, reason, detail);
  g_debug ("Certificate of %s (%s:%u): %s", check_host, hostname, port,
           atr_trust_reason_to_string (reason));

  if (reason == ATR_TRUST_OK)
    {
      _atr_rdp_session_post_certificate (self, certificate, FALSE);
      accept = TRUE;
    }
  else if (!self->allow_override)
    {
      _atr_rdp_session_post_certificate (self, certificate, FALSE);
      accept = FALSE;
    }
  else
    {
      g_mutex_lock (&self->lock);
      self->certificate_answer = ATR_RDP_ANSWER_PENDING;
      g_mutex_unlock (&self->lock);
      _atr_rdp_session_post_certificate (self, certificate, TRUE);

      g_mutex_lock (&self->lock);
      while (self->certificate_answer != ATR_RDP_ANSWER_GIVEN && !self->quit)
        g_cond_wait (&self->cond, &self->lock);
      accept = self->certificate_answer == ATR_RDP_ANSWER_GIVEN && self->certificate_accept &&
               !self->quit;
      self->certificate_answer = ATR_RDP_ANSWER_NONE;
      g_mutex_unlock (&self->lock);

      if (accept)
        {
          g_autoptr(AtrRdpCertificate) accepted = atr_rdp_certificate_copy_accepted (certificate,
                                                                                    TRUE);
          _atr_rdp_session_post_certificate (self, accepted, FALSE);
        }
    }

  if (!accept)
    {
      attempt->certificate_rejected = TRUE;
      attempt->trust_reason = reason;
      return 0;
    }

  if (!gateway)
    {
      attempt->phase = ATR_RDP_PHASE_AUTHENTICATING;
      if (!self->reconnecting)
        _atr_rdp_session_post_state (self, ATR_RDP_STATE_AUTHENTICATING, attempt->index);
    }
  return 2;   /* accept for this session only: nothing is written anywhere */
}

/* With ExternalCertificateManagement FreeRDP 3 asks VerifyX509Certificate only (tls.c);
 * these two run when a certificate is checked by FreeRDP's own store, which Atrium never
 * asks for. Should they run anyway, refuse (0) rather than trust: a fingerprint, or a PEM
 * (VERIFY_CERT_FLAG_FP_IS_PEM), the flags (gateway, redirect, changed, mismatch) say
 * which, and the debug log names them. */
static DWORD
verify_certificate_ex_cb (freerdp *instance, const char *host, UINT16 port,
                          const char *common_name, const char *subject, const char *issuer,
                          const char *fingerprint, DWORD flags)
{
  g_debug ("Refusing a certificate of %s:%u outside our trust store (flags 0x%x)", host, port,
           (unsigned) flags);
  return 0;
}

static DWORD
verify_changed_certificate_ex_cb (freerdp *instance, const char *host, UINT16 port,
                                  const char *common_name, const char *subject,
                                  const char *issuer, const char *new_fingerprint,
                                  const char *old_subject, const char *old_issuer,
                                  const char *old_fingerprint, DWORD flags)
{
  g_debug ("Refusing a changed certificate of %s:%u outside our trust store (flags 0x%x)",
           host, port, (unsigned) flags);
  return 0;
}

BOOL
_atr_rdp_session_client_new_cb (freerdp    *instance,
               rdpContext *context)
{
  instance->PreConnect = pre_connect_cb;
  instance->LoadChannels = load_channels_cb;
  instance->PostConnect = post_connect_cb;
  instance->PostDisconnect = post_disconnect_cb;
  instance->AuthenticateEx = authenticate_ex_cb;
  instance->VerifyX509Certificate = verify_x509_cb;
  instance->VerifyCertificateEx = verify_certificate_ex_cb;
  instance->VerifyChangedCertificateEx = verify_changed_certificate_ex_cb;
  return TRUE;
}

void
_atr_rdp_session_client_free_cb (freerdp    *instance,
                rdpContext *context)
{
}
