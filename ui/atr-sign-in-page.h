/* atr-sign-in-page.h — the tenant's branded sign-in: logo, hint, pre-logon message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "submit" (user, password, remember) hands the credentials to the window, which gives
 * them to the workspace and, with "remember", to the credential store. The page wipes its
 * password field right after emitting.
 */
#pragma once

#include <adwaita.h>

#include "atr-workspace.h"

G_BEGIN_DECLS

#define ATR_TYPE_SIGN_IN_PAGE (atr_sign_in_page_get_type ())
G_DECLARE_FINAL_TYPE (AtrSignInPage, atr_sign_in_page, ATR, SIGN_IN_PAGE, AdwBin)

void atr_sign_in_page_set_workspace (AtrSignInPage *self,
                                     AtrWorkspace  *workspace);
/* @user (nullable): prefill; @error (nullable): why the last attempt failed. */
void atr_sign_in_page_prepare       (AtrSignInPage *self,
                                     const char    *user,
                                     const GError  *error);
void atr_sign_in_page_set_busy      (AtrSignInPage *self,
                                     gboolean       busy);
/* FALSE in kiosk mode: the theme's links (password reset) are hidden and never opened. */
void atr_sign_in_page_set_links_allowed (AtrSignInPage *self,
                                         gboolean       allowed);

G_END_DECLS
