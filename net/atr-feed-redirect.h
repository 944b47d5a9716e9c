/* atr-feed-redirect.h — which redirects a feed fetch follows, and which one is the sign-in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Redirects followed in one feed fetch, sign-in included (libsoup's own limit is 20). */
#define ATR_FEED_MAX_REDIRECTS 10

typedef enum
{
  ATR_FEED_REDIRECT_ORDINARY,  /* the resource moved (IIS's 301 to the folder with a slash) */
  ATR_FEED_REDIRECT_SIGN_IN,   /* the RD Web forms sign-in page */
} AtrFeedRedirectKind;

typedef struct _AtrFeedRedirects AtrFeedRedirects;

AtrFeedRedirects    *atr_feed_redirects_new      (const char        *feed_url,
                                                  GError           **error);
char                *atr_feed_redirects_next     (AtrFeedRedirects  *self,
                                                  const char        *from_url,
                                                  const char        *location,
                                                  AtrFeedRedirectKind *kind,
                                                  GError           **error);
void                 atr_feed_redirects_restart  (AtrFeedRedirects  *self,
                                                  const char        *url);
AtrFeedRedirectKind  atr_feed_redirect_classify  (const char        *url);
void                 atr_feed_redirects_free     (AtrFeedRedirects  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtrFeedRedirects, atr_feed_redirects_free)

G_END_DECLS
