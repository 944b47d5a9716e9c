/* atr-link-opener.h — connection links and .rdp files given to the app (#6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A target from the command line or GApplication "open" is one of:
 *   a link (atrium:, rdp:, ms-rd:, tuxclient:, prlclient:) — atr_uri_parse(), then
 *     atr_launch_request_check() against the enrolled hosts: ALLOWED acts, CONFIRM asks first
 *     (domain, host, what will happen; Cancel is the default), REFUSED is a toast with the
 *     reason;
 *   a .rdp file (a path or file:// URI) — read (capped at ATR_RDP_FILE_MAX_SIZE), decoded,
 *     always confirmed (host and gateway shown), then opened through the launcher with the
 *     policy of the enrolled tenant it belongs to, or with redirections off;
 *   anything else — an address to enrol, prefilled.
 * Acting: subscribe → enrolment prefilled and looked up; connect with a tenant → that
 * workspace, and the resource through the launcher once the list has it; connect with a
 * host → the link's .rdp lines through the launcher. Nothing from a link reaches a shell or
 * an argv. With ATR_DEBUG_UI=1: "atr-ui: link ACTION|refused|confirm …" lines.
 */
#pragma once

#include <adwaita.h>

#include "atr-launcher.h"
#include "atr-window.h"

G_BEGIN_DECLS

#define ATR_TYPE_LINK_OPENER (atr_link_opener_get_type ())
G_DECLARE_FINAL_TYPE (AtrLinkOpener, atr_link_opener, ATR, LINK_OPENER, GObject)

AtrLinkOpener *atr_link_opener_new       (AtrLauncher   *launcher);
/* Kiosk mode: every refusal is a toast with the reason (and "link refused: kiosk mode: …"
 * with ATR_DEBUG_UI=1), never a prompt. Refused: links and .rdp files naming anything not
 * enrolled; subscribe links and bare addresses (enrolment is unreachable); a connect to a
 * tenant other than the kiosk's; and any connect or file while nobody is signed in (not kept
 * for the next user: sign in, then open it again). */
void           atr_link_opener_set_kiosk (AtrLinkOpener *self,
                                          gboolean       kiosk);
void           atr_link_opener_open      (AtrLinkOpener *self,
                                          AtrWindow     *window,
                                          const char    *target);

G_END_DECLS
