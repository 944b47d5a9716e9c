/* atr-rdp-display.h — the session's Display Control part (MS-RDPEDISP, the "disp" channel)
 *
 * Part of the session engine (rdp/ only). It owns the channel once connected, whether the
 * server announced its capabilities, and the debounced size the caller asks for
 * (AtrRdpResize), under its own lock: any thread requests sizes, drdynvc's thread runs the
 * channel callbacks, the session thread sends the layout on its event loop's turns. What the
 * main context last announced (available or not, the desktop's size now) is main-context
 * state of the same part, kept without a lock. It also owns whether the server should send
 * pictures at all (Suppress Output, MS-RDPBCGR 2.2.11.3: off while the window is hidden),
 * asked from any thread and sent on the event loop's turns where the server supports it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <freerdp/client/disp.h>
#include <freerdp/freerdp.h>
#include <freerdp/settings.h>
#include <glib.h>
#include <winpr/synch.h>

#include "atr-rdp-session.h"

G_BEGIN_DECLS

typedef struct _AtrRdpDisplay AtrRdpDisplay;

AtrRdpDisplay *atr_rdp_display_new           (AtrRdpSession     *session,
                                              HANDLE             wake_event);
void           atr_rdp_display_free          (AtrRdpDisplay     *display);

/* any thread */
void           atr_rdp_display_request       (AtrRdpDisplay     *display,
                                              guint              width,
                                              guint              height);
void           atr_rdp_display_suppress_output (AtrRdpDisplay   *display,
                                              gboolean           suppress);

/* session thread (and drdynvc's, for the channel) */
gboolean       atr_rdp_display_pre_connect   (AtrRdpDisplay     *display,
                                              rdpSettings       *settings);
void           atr_rdp_display_connected     (AtrRdpDisplay     *display,
                                              DispClientContext *disp);
void           atr_rdp_display_disconnected  (AtrRdpDisplay     *display,
                                              DispClientContext *disp);
void           atr_rdp_display_set_desktop   (AtrRdpDisplay     *display,
                                              guint              width,
                                              guint              height);
gint64         atr_rdp_display_dispatch      (AtrRdpDisplay     *display);
void           atr_rdp_display_dispatch_output (AtrRdpDisplay   *display,
                                              rdpContext        *context);

/* main context */
gboolean       atr_rdp_display_set_available (AtrRdpDisplay     *display,
                                              gboolean           available);
gboolean       atr_rdp_display_get_available (AtrRdpDisplay     *display);
gboolean       atr_rdp_display_announce_size (AtrRdpDisplay     *display,
                                              guint              width,
                                              guint              height);
void           atr_rdp_display_get_size      (AtrRdpDisplay     *display,
                                              guint             *width,
                                              guint             *height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtrRdpDisplay, atr_rdp_display_free)

G_END_DECLS
