/* atr-launch-request.h — what a connection link asks for (immutable value object)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A launch request is data only. Nothing in it is ever passed to a shell or placed in an
 * argv: the app reads its fields and hands them to the enrolment, sign-in and session code
 * through their APIs (FreeRDP settings are set through accessors, never via its command
 * line). Every host in it has passed the strict host checks of atr-uri-host.h.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  ATR_LAUNCH_ACTION_CONNECT,    /* open a resource (or a tenant's workspace) */
  ATR_LAUNCH_ACTION_SUBSCRIBE,  /* enrol a tenant / feed (Parallels Get2xa too) */
  ATR_LAUNCH_ACTION_VERSION,    /* report the client version (Parallels GetVersion) */
  ATR_LAUNCH_ACTION_LOGOFF,     /* sign out (Parallels LogOff) */
  ATR_LAUNCH_ACTION_OPEN,       /* open the client, nothing else (a bare ms-rd:) */
} AtrLaunchAction;

typedef enum
{
  ATR_URI_SCHEME_ATRIUM,
  ATR_URI_SCHEME_RDP,
  ATR_URI_SCHEME_MS_RD,
  ATR_URI_SCHEME_TUXCLIENT,
  ATR_URI_SCHEME_PRLCLIENT,
} AtrUriScheme;

typedef enum
{
  ATR_LAUNCH_CHECK_REFUSED,   /* do not act; the GError says why */
  ATR_LAUNCH_CHECK_ALLOWED,   /* everything it names is enrolled: go ahead */
  ATR_LAUNCH_CHECK_CONFIRM,   /* ask the user first, showing domain, host and action */
} AtrLaunchCheck;

/* "no connection mode given" (Parallels ConnMode is 0..3) */
#define ATR_LAUNCH_CONNECTION_MODE_NONE (-1)

#define ATR_TYPE_LAUNCH_REQUEST (atr_launch_request_get_type ())
G_DECLARE_FINAL_TYPE (AtrLaunchRequest, atr_launch_request, ATR, LAUNCH_REQUEST, GObject)

const char         *atr_launch_action_to_string              (AtrLaunchAction   action);
const char         *atr_uri_scheme_to_string                 (AtrUriScheme      scheme);

AtrLaunchAction     atr_launch_request_get_action            (AtrLaunchRequest *self);
AtrUriScheme        atr_launch_request_get_source_scheme     (AtrLaunchRequest *self);
const char         *atr_launch_request_get_command           (AtrLaunchRequest *self);
const char         *atr_launch_request_get_tenant            (AtrLaunchRequest *self);
const char         *atr_launch_request_get_display_tenant    (AtrLaunchRequest *self);
const char         *atr_launch_request_get_host              (AtrLaunchRequest *self);
const char         *atr_launch_request_get_display_host      (AtrLaunchRequest *self);
guint               atr_launch_request_get_port              (AtrLaunchRequest *self);
const char         *atr_launch_request_get_resource          (AtrLaunchRequest *self);
const char         *atr_launch_request_get_user              (AtrLaunchRequest *self);
const char         *atr_launch_request_get_feed_url          (AtrLaunchRequest *self);
const char         *atr_launch_request_get_backup_host       (AtrLaunchRequest *self);
const char * const *atr_launch_request_get_backup_hosts      (AtrLaunchRequest *self);
const char         *atr_launch_request_get_gateway_host      (AtrLaunchRequest *self);
int                 atr_launch_request_get_connection_mode   (AtrLaunchRequest *self);
const char         *atr_launch_request_get_multi_id          (AtrLaunchRequest *self);
const char * const *atr_launch_request_get_rdp_attributes    (AtrLaunchRequest *self);
const char * const *atr_launch_request_get_warnings          (AtrLaunchRequest *self);

char               *atr_launch_request_dup_rdp_payload       (AtrLaunchRequest *self);
char              **atr_launch_request_dup_hosts             (AtrLaunchRequest *self);
char               *atr_launch_request_to_uri                (AtrLaunchRequest *self);
gboolean            atr_launch_request_equal                 (AtrLaunchRequest *a,
                                                              AtrLaunchRequest *b);

gboolean            atr_launch_host_is_enrolled              (const char         *host,
                                                              const char * const *enrolled_hosts);

AtrLaunchCheck      atr_launch_request_check                 (AtrLaunchRequest   *self,
                                                              const char * const *enrolled_hosts,
                                                              gboolean            kiosk,
                                                              GError            **error);

G_END_DECLS
