/* atr-window-close.c — closing the main window while sessions are open
 *
 * Closing the main window ends Atrium, and with it every session: with any open it asks
 * first, through the application's "quit" action (the question names how many sessions
 * end; Cancel keeps everything). With none open it closes at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-ui"

#include "config.h"

#include "atr-session-window.h"
#include "atr-ui.h"

#include "atr-window-private.h"

guint
atr_window_count_open_sessions (GtkApplication *application)
{
  guint n = 0;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), 0);

  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    if (ATR_IS_SESSION_WINDOW (l->data))
      {
        AtrRdpSession *session = atr_session_window_get_session (l->data);

        if (session != NULL && atr_rdp_session_get_state (session) != ATR_RDP_STATE_DISCONNECTED)
          n++;
      }
  return n;
}

/* TRUE when the window stays open for now: the question is asked instead. */
gboolean
_atr_window_ask_before_closing (AtrWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  guint n = application != NULL ? atr_window_count_open_sessions (application) : 0;

  if (n == 0 || !g_action_group_has_action (G_ACTION_GROUP (application), "quit") ||
      !g_action_group_get_action_enabled (G_ACTION_GROUP (application), "quit"))
    return FALSE;
  atr_ui_debug ("close: %u session(s) open, asking", n);
  g_action_group_activate_action (G_ACTION_GROUP (application), "quit", NULL);
  return TRUE;
}
