/* atr-launcher.c — the one place "open this resource" goes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "atr-launcher.h"

struct _AtrLauncher
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (AtrLauncher, atr_launcher, G_TYPE_OBJECT)

enum {
  SIGNAL_NOTICE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
atr_launcher_class_init (AtrLauncherClass *klass)
{
  signals[SIGNAL_NOTICE] =
    g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
atr_launcher_init (AtrLauncher *self)
{
}

AtrLauncher *
atr_launcher_new (void)
{
  return g_object_new (ATR_TYPE_LAUNCHER, NULL);
}

void
atr_launcher_open (AtrLauncher *self,
                   AtrTenant   *tenant,
                   AtrResource *resource)
{
  g_autofree char *notice = NULL;

  g_return_if_fail (ATR_IS_LAUNCHER (self));
  g_return_if_fail (ATR_IS_TENANT (tenant));
  g_return_if_fail (ATR_IS_RESOURCE (resource));

  /* Ids only: never the .rdp payload, never credentials. */
  if (g_strcmp0 (g_getenv ("ATR_DEBUG_LAUNCHER"), "1") == 0)
    {
      fprintf (stderr, "atr-launcher: open %s %s\n", atr_tenant_get_id (tenant),
               atr_resource_get_id (resource));
      fflush (stderr);
    }
  g_debug ("open %s in %s", atr_resource_get_id (resource), atr_tenant_get_id (tenant));

  /* Translators: %s is the name of a desktop or app. */
  notice = g_strdup_printf (_("Cannot open “%s” yet: sessions arrive with the RDP engine."),
                            atr_resource_get_title (resource));
  g_signal_emit (self, signals[SIGNAL_NOTICE], 0, notice);
}
