/* atr-rdp-display.c — the session's Display Control part (see atr-rdp-display.h)
 *
 * Dynamic resolution: atr_rdp_session_request_resize() records the size here; the event loop
 * sends it (AtrRdpResize: debounced, clamped, never the size the desktop already has) once
 * the server has announced Display Control (its caps PDU). The server answers with a
 * DesktopResize (atr-rdp-session-paint.c), which tells this part the desktop's new size.
 *
 * Suppress Output: atr_rdp_session_set_output_suppressed() records whether the window shows
 * the desktop; the event loop sends the change (allowDisplayUpdates FALSE, or TRUE with the
 * desktop's rectangle) through FreeRDP's gdi_send_suppress_output(), which also holds the
 * graphics pipeline's output while suppressed, as xfreerdp3 does when minimised. Only to a
 * server whose General Capability Set says it takes the PDU (FreeRDP_SuppressOutput after
 * the capability exchange); each connection starts with pictures allowed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-rdp"

#include "config.h"

#include <freerdp/client/cmdline.h>
#include <freerdp/client/disp.h>
#include <freerdp/gdi/gdi.h>
#include <freerdp/settings.h>

#include "atr-rdp-resize.h"
#include "atr-rdp-session-private.h"
#include "atr-rdp-display.h"

struct _AtrRdpDisplay
{
  AtrRdpSession     *session;      /* borrowed: the owner, for its messages */
  HANDLE             wake_event;   /* borrowed: the session thread's */

  /* Under `lock`: any thread, drdynvc's, the session thread. */
  GMutex             lock;
  DispClientContext *disp;         /* the channel, once connected */
  gboolean           ready;        /* its caps arrived: layouts may be sent */
  AtrRdpResize       resize;       /* asked for, debounced */
  gboolean           suppress;     /* the caller wants no pictures (hidden window) */

  /* Session thread only. */
  gboolean           suppressed;   /* what this connection last told the server */

  /* Main context only. */
  gboolean           available;    /* the server accepted Display Control */
  guint              width_now;    /* the desktop's size as last announced */
  guint              height_now;
};

static const char *
host_of (AtrRdpDisplay *display)
{
  return atr_rdp_target_get_host (atr_rdp_session_get_target (display->session));
}

AtrRdpDisplay *
atr_rdp_display_new (AtrRdpSession *session,
                     HANDLE         wake_event)
{
  AtrRdpDisplay *display = g_new0 (AtrRdpDisplay, 1);

  display->session = session;
  display->wake_event = wake_event;
  g_mutex_init (&display->lock);
  atr_rdp_resize_init (&display->resize, ATR_RDP_RESIZE_DEBOUNCE_US);
  return display;
}

void
atr_rdp_display_free (AtrRdpDisplay *display)
{
  if (display == NULL)
    return;
  g_mutex_clear (&display->lock);
  g_free (display);
}

void
atr_rdp_display_request (AtrRdpDisplay *display,
                         guint          width,
                         guint          height)
{
  g_mutex_lock (&display->lock);
  atr_rdp_resize_request (&display->resize, width, height, g_get_monotonic_time ());
  g_mutex_unlock (&display->lock);
  if (display->wake_event != NULL)
    SetEvent (display->wake_event);
}

/* Any thread: whether the server should stop sending pictures (sent on the next turn). */
void
atr_rdp_display_suppress_output (AtrRdpDisplay *display,
                                 gboolean       suppress)
{
  gboolean changed;

  g_mutex_lock (&display->lock);
  changed = display->suppress != !!suppress;
  display->suppress = !!suppress;
  g_mutex_unlock (&display->lock);
  if (changed && display->wake_event != NULL)
    SetEvent (display->wake_event);
}

/* PreConnect: ask for the disp dynamic channel (drdynvc loads it from this list). A new
 * connection starts with pictures allowed. */
gboolean
atr_rdp_display_pre_connect (AtrRdpDisplay *display,
                             rdpSettings   *settings)
{
  const char *disp[] = { "disp" };

  display->suppressed = FALSE;
  return freerdp_settings_set_bool (settings, FreeRDP_SupportDisplayControl, TRUE) &&
         freerdp_settings_set_bool (settings, FreeRDP_DynamicResolutionUpdate, TRUE) &&
         freerdp_settings_set_bool (settings, FreeRDP_SupportDynamicChannels, TRUE) &&
         (freerdp_dynamic_channel_collection_find (settings, "disp") != NULL ||
          freerdp_client_add_dynamic_channel (settings, 1, disp));
}

static UINT
caps_cb (DispClientContext *disp,
         UINT32             max_monitors,
         UINT32             max_factor_a,
         UINT32             max_factor_b)
{
  AtrRdpDisplay *display = disp->custom;

  g_debug ("%s offers Display Control (%u monitors, area %ux%u)", host_of (display),
           max_monitors, max_factor_a, max_factor_b);
  if (!atr_rdp_resize_layout_allowed (max_monitors))
    {
      /* No layout can be valid: Display Control stays unavailable. */
      g_debug ("%s allows no monitor: Display Control not used", host_of (display));
      return CHANNEL_RC_OK;
    }
  _atr_rdp_session_post_display_control (display->session, TRUE);
  /* The event loop sends a pending size on its next turn, within the server's area. */
  g_mutex_lock (&display->lock);
  atr_rdp_resize_set_max_area (&display->resize,
                               atr_rdp_resize_max_area (max_monitors, max_factor_a,
                                                        max_factor_b));
  display->ready = TRUE;
  g_mutex_unlock (&display->lock);
  if (display->wake_event != NULL)
    SetEvent (display->wake_event);
  return CHANNEL_RC_OK;
}

void
atr_rdp_display_connected (AtrRdpDisplay     *display,
                           DispClientContext *disp)
{
  disp->custom = display;
  disp->DisplayControlCaps = caps_cb;
  g_mutex_lock (&display->lock);
  display->disp = disp;
  g_mutex_unlock (&display->lock);
}

void
atr_rdp_display_disconnected (AtrRdpDisplay     *display,
                              DispClientContext *disp)
{
  gboolean was_ready;

  (void) disp;
  g_mutex_lock (&display->lock);
  was_ready = display->ready;
  display->disp = NULL;
  display->ready = FALSE;
  g_mutex_unlock (&display->lock);
  if (was_ready)
    _atr_rdp_session_post_display_control (display->session, FALSE);
}

/* Session thread: the desktop has this size now (a new framebuffer). */
void
atr_rdp_display_set_desktop (AtrRdpDisplay *display,
                             guint          width,
                             guint          height)
{
  g_mutex_lock (&display->lock);
  atr_rdp_resize_set_desktop (&display->resize, width, height);
  g_mutex_unlock (&display->lock);
}

/**
 * atr_rdp_display_dispatch:
 *
 * Session thread, each turn of the event loop: sends a resize that is due.
 *
 * Returns: milliseconds until the next resize is due, or -1 when none waits
 */
gint64
atr_rdp_display_dispatch (AtrRdpDisplay *display)
{
  DISPLAY_CONTROL_MONITOR_LAYOUT layout = { 0 };
  DispClientContext *disp;
  gint64 now = g_get_monotonic_time ();
  gint64 due;
  guint width, height;
  gboolean send;

  g_mutex_lock (&display->lock);
  if (!display->ready || display->disp == NULL)
    {
      g_mutex_unlock (&display->lock);
      return -1;   /* kept pending until the server offers Display Control */
    }
  disp = display->disp;
  send = atr_rdp_resize_take (&display->resize, now, &width, &height);
  due = atr_rdp_resize_get_due (&display->resize);
  g_mutex_unlock (&display->lock);

  if (send)
    {
      layout.Flags = DISPLAY_CONTROL_MONITOR_PRIMARY;
      layout.Width = width;
      layout.Height = height;
      layout.Orientation = ORIENTATION_LANDSCAPE;
      layout.DesktopScaleFactor = 100;
      layout.DeviceScaleFactor = 100;
      g_debug ("Asking %s for a %ux%u desktop", host_of (display), width, height);
      if (disp->SendMonitorLayout (disp, 1, &layout) != CHANNEL_RC_OK)
        g_debug ("Display Control refused the %ux%u layout", width, height);
    }
  return due < 0 ? -1 : MAX ((due - now + 999) / 1000, 0);
}

/**
 * atr_rdp_display_dispatch_output:
 *
 * Session thread, each turn of the event loop (connected): tells the server a change of
 * atr_rdp_display_suppress_output(), where it advertised Suppress Output.
 */
void
atr_rdp_display_dispatch_output (AtrRdpDisplay *display,
                                 rdpContext    *context)
{
  gboolean suppress;

  g_mutex_lock (&display->lock);
  suppress = display->suppress;
  g_mutex_unlock (&display->lock);
  if (suppress == display->suppressed)
    return;
  display->suppressed = suppress;
  if (!freerdp_settings_get_bool (context->settings, FreeRDP_SuppressOutput))
    {
      g_debug ("%s does not take Suppress Output: pictures go on while hidden",
               host_of (display));
      return;
    }
  g_debug ("Asking %s to %s pictures", host_of (display), suppress ? "stop" : "resume");
  if (!gdi_send_suppress_output (context->gdi, suppress))
    g_debug ("Suppress Output to %s failed", host_of (display));
}

/* Main context. Returns whether that changed (notify display-control). */
gboolean
atr_rdp_display_set_available (AtrRdpDisplay *display,
                               gboolean       available)
{
  if (display->available == !!available)
    return FALSE;
  display->available = !!available;
  return TRUE;
}

gboolean
atr_rdp_display_get_available (AtrRdpDisplay *display)
{
  return display->available;
}

/* Main context: the framebuffer has this size. Returns whether it is news (emit
 * desktop-resized); an empty size never is. */
gboolean
atr_rdp_display_announce_size (AtrRdpDisplay *display,
                               guint          width,
                               guint          height)
{
  if (width == 0 || height == 0 ||
      (display->width_now == width && display->height_now == height))
    return FALSE;
  display->width_now = width;
  display->height_now = height;
  return TRUE;
}

void
atr_rdp_display_get_size (AtrRdpDisplay *display,
                          guint         *width,
                          guint         *height)
{
  if (width != NULL)
    *width = display->width_now;
  if (height != NULL)
    *height = display->height_now;
}
