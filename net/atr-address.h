/* atr-address.h — what the user typed (URL, e-mail or domain) and how it leads to a feed URL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Accepted forms (surrounding white space is ignored):
 *   https://host[:port]/path…   a feed URL, used as is (host normalised: IDN → ASCII, lower
 *                               case, no trailing dot). Only https; no user:password@.
 *   user@domain                 e-mail: the domain is looked up (no port allowed)
 *   domain[:port]               a DNS name, IDN allowed (Bücher.example → xn--bcher-kva.example)
 * IP literals (127.0.0.1, [::1]) are accepted for URLs and for domain[:port] — operators and
 * tests point at gateways by address — but never in e-mails, and they skip the TXT lookup.
 * Rejected: empty or overlong (> 2048 bytes) input, control characters, spaces inside, a
 * leading '-', http:// and other schemes, labels that are empty, longer than 63 bytes or start
 * or end with '-', bad ports. Errors are ATR_NET_ERROR_INVALID_ADDRESS naming what was wrong.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ATR_ADDRESS_MAX_INPUT 2048
#define ATR_ADDRESS_FEED_PATH "/RDWeb/Feed/webfeed.aspx"

typedef enum
{
  ATR_ADDRESS_KIND_URL,
  ATR_ADDRESS_KIND_EMAIL,
  ATR_ADDRESS_KIND_DOMAIN,
} AtrAddressKind;

typedef enum
{
  ATR_ADDRESS_FOUND_URL,          /* "url": the user typed the feed URL */
  ATR_ADDRESS_FOUND_DNS_TXT,      /* "dns-txt": _msradc.<domain> TXT record */
  ATR_ADDRESS_FOUND_DEFAULT_PATH, /* "default-path": https://<domain>/RDWeb/Feed/webfeed.aspx */
} AtrAddressFoundBy;

#define ATR_TYPE_ADDRESS (atr_address_get_type ())
G_DECLARE_FINAL_TYPE (AtrAddress, atr_address, ATR, ADDRESS, GObject)

AtrAddress     *atr_address_parse          (const char  *input,
                                            GError     **error);
AtrAddressKind  atr_address_get_kind       (AtrAddress  *self);
const char     *atr_address_kind_to_string (AtrAddressKind kind);
/* ASCII, lower case, no trailing dot; for IPv6 without brackets. */
const char     *atr_address_get_domain     (AtrAddress  *self);
/* Unicode for an internationalised domain (show it beside the ASCII form). */
const char     *atr_address_get_display_domain (AtrAddress *self);
/* 0 when none was given (443 is meant). */
guint16         atr_address_get_port       (AtrAddress  *self);
gboolean        atr_address_is_ip          (AtrAddress  *self);
/* URL kind: the normalised URL. Others: NULL (see atr_address_resolve_async). */
const char     *atr_address_get_feed_url   (AtrAddress  *self);
/* https://<domain>[:port]/RDWeb/Feed/webfeed.aspx */
char           *atr_address_get_default_feed_url (AtrAddress *self);

/* Pure: join the character-strings of one TXT record and check it is an https feed URL.
 * Returns the normalised URL, or NULL with ATR_NET_ERROR_INVALID_ADDRESS saying why. */
char           *atr_address_feed_url_from_txt (const char *const *strings,
                                               GError           **error);

const char     *atr_address_found_by_to_string (AtrAddressFoundBy found_by);

/* Discovery. Uses g_resolver_get_default() (an installed AtrResolver's TXT overrides apply) or
 * @resolver. DNS trouble is not an error: it ends in "default-path" with a warning. */
void            atr_address_resolve_async  (AtrAddress          *self,
                                            GResolver           *resolver,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
/* Returns the feed URL; the other out parameters are optional. */
char           *atr_address_resolve_finish (AtrAddress          *self,
                                            GAsyncResult        *result,
                                            AtrAddressFoundBy   *found_by,
                                            char              ***warnings,
                                            GError             **error);

G_END_DECLS
