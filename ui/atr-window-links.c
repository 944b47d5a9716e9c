/* atr-window-links.c — what links need of the main window: the hosts the enrolled tenants
 * stand for, and the workspace of a host (atr_launch_request_check(), AtrLinkOpener)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-ui"

#include "config.h"

#include <string.h>

#include "atr-workspace.h"

#include "atr-window-private.h"

static void
add_host (GPtrArray  *hosts,
          const char *host_port)
{
  const char *colon;

  if (host_port == NULL || *host_port == '\0')
    return;
  /* "host:port" (not IPv6 literals, which keep their colons) */
  colon = strrchr (host_port, ':');
  if (colon != NULL && strchr (host_port, ':') == colon)
    g_ptr_array_add (hosts, g_strndup (host_port, colon - host_port));
  else
    g_ptr_array_add (hosts, g_strdup (host_port));
}

/**
 * atr_window_dup_enrolled_hosts:
 *
 * Every host the enrolled tenants stand for: their domains, their feeds' hosts and the
 * gateways their manifests name (for atr_launch_request_check()).
 *
 * Returns: (transfer full): a %NULL-terminated array
 */
char **
atr_window_dup_enrolled_hosts (AtrWindow *self)
{
  GPtrArray *hosts;

  g_return_val_if_fail (ATR_IS_WINDOW (self), NULL);

  hosts = g_ptr_array_new ();
  for (guint i = 0; i < _atr_window_get_workspaces (self)->len; i++)
    {
      AtrWorkspace *workspace = g_ptr_array_index (_atr_window_get_workspaces (self), i);
      AtrTenant *tenant = atr_workspace_get_tenant (workspace);
      AtrTenantManifest *manifest = atr_workspace_get_manifest (workspace);
      g_autoptr(GUri) uri = g_uri_parse (atr_tenant_get_feed_url (tenant), G_URI_FLAGS_NONE,
                                         NULL);

      add_host (hosts, atr_tenant_get_domain (tenant));
      if (uri != NULL)
        add_host (hosts, g_uri_get_host (uri));
      for (const char * const *g = manifest ? atr_tenant_manifest_get_gateways (manifest) : NULL;
           g != NULL && *g != NULL; g++)
        add_host (hosts, *g);
    }
  g_ptr_array_add (hosts, NULL);
  return (char **) g_ptr_array_free (hosts, FALSE);
}

/* (nullable) (transfer none): the enrolled workspace whose domain or feed host is @host. */
AtrWorkspace *
atr_window_find_workspace (AtrWindow  *self,
                           const char *host)
{
  g_return_val_if_fail (ATR_IS_WINDOW (self), NULL);
  g_return_val_if_fail (host != NULL, NULL);

  for (guint i = 0; i < _atr_window_get_workspaces (self)->len; i++)
    {
      AtrWorkspace *workspace = g_ptr_array_index (_atr_window_get_workspaces (self), i);
      AtrTenant *tenant = atr_workspace_get_tenant (workspace);
      g_autoptr(GUri) uri = g_uri_parse (atr_tenant_get_feed_url (tenant), G_URI_FLAGS_NONE,
                                         NULL);

      if (g_ascii_strcasecmp (atr_tenant_get_domain (tenant), host) == 0 ||
          (uri != NULL && g_ascii_strcasecmp (g_uri_get_host (uri), host) == 0))
        return workspace;
    }
  return NULL;
}
