/* atr-ui-text.c — the words the UI shows for errors, times and resource kinds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "atr-net-error.h"
#include "atr-rdp-error.h"

#include "atr-ui-text.h"

char *
atr_ui_error_title (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == ATR_NET_ERROR)
    switch ((AtrNetError) error->code)
      {
      case ATR_NET_ERROR_INVALID_ADDRESS:
        return g_strdup (_("This address cannot be used"));
      case ATR_NET_ERROR_DNS:
        return g_strdup (_("Workspace not found"));
      case ATR_NET_ERROR_CONNECT:
      case ATR_NET_ERROR_TIMEOUT:
        return g_strdup (_("Cannot reach the workspace"));
      case ATR_NET_ERROR_TLS:
      case ATR_NET_ERROR_CERTIFICATE:
        return g_strdup (_("The workspace’s certificate is not trusted"));
      case ATR_NET_ERROR_AUTH:
        /* What refused credentials mean to the user (#14: not just "failed"). */
        return g_strdup (_("Wrong user name or password"));
      case ATR_NET_ERROR_HTTP:
        return g_strdup (_("The workspace server reported an error"));
      case ATR_NET_ERROR_BAD_DATA:
        return g_strdup (_("The workspace sent something unreadable"));
      case ATR_NET_ERROR_CACHE:
        return g_strdup (_("Saved resources could not be read"));
      case ATR_NET_ERROR_FAILED:
      default:
        break;
      }

  return g_strdup (_("Something went wrong"));
}

char *
atr_ui_error_description (const GError *error)
{
  const char *advice = NULL;

  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == ATR_NET_ERROR)
    switch ((AtrNetError) error->code)
      {
      case ATR_NET_ERROR_INVALID_ADDRESS:
        advice = _("Type the domain, your e-mail address or the full feed URL your administrator gave you.");
        break;
      case ATR_NET_ERROR_DNS:
        advice = _("Check the address for typing mistakes.");
        break;
      case ATR_NET_ERROR_CONNECT:
      case ATR_NET_ERROR_TIMEOUT:
        advice = _("Check your network connection, then try again.");
        break;
      case ATR_NET_ERROR_TLS:
      case ATR_NET_ERROR_CERTIFICATE:
        advice = _("Atrium did not connect, to keep your password safe. Tell your administrator the reason below.");
        break;
      case ATR_NET_ERROR_AUTH:
        advice = _("Check your user name and password.");
        break;
      default:
        break;
      }

  /* net's message names the host and the reason; it never carries secrets. */
  if (advice == NULL)
    return g_strdup (error->message);
  return g_strdup_printf ("%s\n\n%s", advice, error->message);
}

AtrUiAction
atr_ui_error_action (const GError *error)
{
  g_return_val_if_fail (error != NULL, ATR_UI_ACTION_RETRY);

  if (g_error_matches (error, ATR_NET_ERROR, ATR_NET_ERROR_AUTH))
    return ATR_UI_ACTION_SIGN_IN;
  if (g_error_matches (error, ATR_NET_ERROR, ATR_NET_ERROR_INVALID_ADDRESS) ||
      g_error_matches (error, ATR_NET_ERROR, ATR_NET_ERROR_DNS))
    return ATR_UI_ACTION_EDIT;
  return ATR_UI_ACTION_RETRY;
}

/**
 * atr_ui_session_end_text:
 * @error: (nullable): why the session ended, %NULL when it was ended here
 * @host: the computer's host name
 * @title: (out): a headline ("Connection Lost")
 * @description: (out): one sentence naming the hop that failed
 *
 * The words for how a session ended, for the session window's page and the launcher's toast.
 */
void
atr_ui_session_end_text (const GError  *error,
                         const char    *host,
                         char         **title,
                         char         **description)
{
  if (error == NULL || error->domain != ATR_RDP_ERROR)
    {
      *title = g_strdup (_("Disconnected"));
      *description = g_strdup (_("The session was closed."));
      return;
    }

  switch ((AtrRdpError) error->code)
    {
    case ATR_RDP_ERROR_LOGOFF:
      *title = g_strdup (_("Signed Out"));
      *description = g_strdup (_("The remote session has ended."));
      break;
    case ATR_RDP_ERROR_ADMIN_DISCONNECT:
      *title = g_strdup (_("Disconnected by the Server"));
      *description = g_strdup (_("An administrator, or a sign-in from elsewhere, took over this session."));
      break;
    case ATR_RDP_ERROR_IDLE_TIMEOUT:
      *title = g_strdup (_("Session Timed Out"));
      *description = g_strdup (_("The session was idle longer than the server allows."));
      break;
    case ATR_RDP_ERROR_NETWORK_LOST:
      *title = g_strdup (_("Connection Lost"));
      *description = g_strdup_printf (_("The network connection to %s dropped."), host);
      break;
    case ATR_RDP_ERROR_AUTH:
      *title = g_strdup (_("Sign-in Failed"));
      *description = g_strdup_printf (_("%s did not accept the user name or password."), host);
      break;
    case ATR_RDP_ERROR_CERTIFICATE:
      *title = g_strdup (_("Untrusted Certificate"));
      *description = g_strdup_printf (_("The identity of %s could not be verified, so Atrium did not connect."),
                                      host);
      break;
    case ATR_RDP_ERROR_GATEWAY:
      *title = g_strdup (_("Gateway Failure"));
      *description = g_strdup_printf (_("The gateway could not open a connection to %s."), host);
      break;
    case ATR_RDP_ERROR_GATEWAY_UNREACHABLE:
      /* The first hop: the gateway itself was not found or did not answer (#14). */
      *title = g_strdup (_("Gateway Not Reachable"));
      *description = g_strdup_printf (_("The gateway in front of %s could not be found or reached, so %s itself was not contacted."),
                                      host, host);
      break;
    case ATR_RDP_ERROR_CONNECT:
      *title = g_strdup (_("Cannot Connect"));
      *description = g_strdup_printf (_("%s could not be reached."), host);
      break;
    case ATR_RDP_ERROR_CANCELLED:
    case ATR_RDP_ERROR_FAILED:
    default:
      *title = g_strdup (_("Session Failed"));
      *description = g_strdup_printf (_("The session to %s ended unexpectedly."), host);
      break;
    }
}

char *
atr_ui_format_last_updated (GDateTime *fetched,
                            GDateTime *now)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *clock = NULL;
  GTimeSpan age;
  int minutes;

  if (fetched == NULL)
    return g_strdup (_("Never updated"));
  g_return_val_if_fail (now != NULL, NULL);

  age = g_date_time_difference (now, fetched);
  if (age < G_TIME_SPAN_MINUTE)
    return g_strdup (_("Last updated just now"));

  if (age < G_TIME_SPAN_HOUR)
    {
      minutes = (int) (age / G_TIME_SPAN_MINUTE);
      return g_strdup_printf (ngettext ("Last updated %d minute ago",
                                        "Last updated %d minutes ago", minutes), minutes);
    }

  local = g_date_time_to_timezone (fetched, g_date_time_get_timezone (now));
  clock = g_date_time_format (local, "%H:%M");

  if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    return g_strdup_printf (_("Last updated today at %s"), clock);

  if (age < 2 * G_TIME_SPAN_DAY)
    {
      g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);

      if (g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (yesterday))
        return g_strdup_printf (_("Last updated yesterday at %s"), clock);
    }

  {
    g_autofree char *date = g_date_time_format (local, "%Y-%m-%d");

    /* Translators: the first %s is a date (2024-05-02), the second a time (14:02). */
    return g_strdup_printf (_("Last updated %s at %s"), date, clock);
  }
}

const char *
atr_ui_kind_label (AtrResourceKind kind)
{
  return kind == ATR_RESOURCE_KIND_DESKTOP ? _("Desktop") : _("App");
}

char *
atr_ui_found_by_label (const char *found_by,
                       const char *domain)
{
  g_return_val_if_fail (found_by != NULL, NULL);

  if (g_str_equal (found_by, "url"))
    return g_strdup (_("Typed feed address"));
  if (g_str_equal (found_by, "dns-txt"))
    /* Translators: %s is a domain name; _msradc is a DNS record name, do not translate. */
    return g_strdup_printf (_("DNS record _msradc.%s"), domain ? domain : "");
  if (g_str_equal (found_by, "default-path"))
    return g_strdup (_("Standard RD Web Access address"));
  return g_strdup (found_by);
}

static int
folder_compare (gconstpointer a,
                gconstpointer b)
{
  const char *fa = *(const char * const *) a;
  const char *fb = *(const char * const *) b;

  if (g_str_equal (fa, "/"))
    return g_str_equal (fb, "/") ? 0 : -1;
  if (g_str_equal (fb, "/"))
    return 1;
  return g_utf8_collate (fa, fb);
}

GStrv
atr_ui_collect_folders (GListModel *resources)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) folders = g_ptr_array_new ();
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (resources), NULL);

  n = g_list_model_get_n_items (resources);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtrResource) resource = g_list_model_get_item (resources, i);
      const char * const *list = atr_resource_get_folders (resource);

      for (guint j = 0; list != NULL && list[j] != NULL; j++)
        if (!g_hash_table_contains (seen, list[j]))
          {
            char *copy = g_strdup (list[j]);

            g_hash_table_add (seen, copy);
            g_ptr_array_add (folders, copy);
          }
    }

  g_ptr_array_sort (folders, folder_compare);
  g_ptr_array_add (folders, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&folders), FALSE);
}

gboolean
atr_ui_resource_matches (AtrResource *resource,
                         const char  *folder,
                         gboolean     show_all)
{
  const char * const *list;

  g_return_val_if_fail (ATR_IS_RESOURCE (resource), FALSE);

  if (!show_all && !atr_resource_get_show_by_default (resource))
    return FALSE;
  if (folder == NULL || *folder == '\0')
    return TRUE;

  list = atr_resource_get_folders (resource);
  if (list == NULL || list[0] == NULL)
    return g_str_equal (folder, "/");
  return g_strv_contains (list, folder);
}

char *
atr_ui_folder_label (const char *folder)
{
  g_return_val_if_fail (folder != NULL, NULL);

  if (*folder == '\0')
    return g_strdup (_("All folders"));
  if (g_str_equal (folder, "/"))
    return g_strdup (_("Top level"));
  return g_strdup (folder[0] == '/' ? folder + 1 : folder);
}

/**
 * atr_ui_host_text:
 * @display: (nullable): the host as read (Unicode for an internationalised name)
 * @ascii: the host's ASCII form, what is connected to
 *
 * @display followed by @ascii in brackets when they differ, so a look-alike's "xn--" form is
 * always on screen beside the letters it imitates.
 */
char *
atr_ui_host_text (const char *display,
                  const char *ascii)
{
  g_return_val_if_fail (ascii != NULL, NULL);

  if (display == NULL || g_str_equal (display, ascii))
    return g_strdup (ascii);
  return g_strdup_printf ("%s (%s)", display, ascii);
}
