/* atr-enrol-page.h — add a workspace: address → how it resolved → branding → save
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The user types a domain, e-mail address or feed URL. The page resolves it, fetches the
 * feed once (for the publisher; a sign-in request is fine at this point), previews the
 * tenant's theme live, and only "Add Workspace" emits "enrolled" with the candidate.
 */
#pragma once

#include <adwaita.h>

#include "atr-trust-store.h"
#include "atr-workspace.h"

G_BEGIN_DECLS

#define ATR_TYPE_ENROL_PAGE (atr_enrol_page_get_type ())
G_DECLARE_FINAL_TYPE (AtrEnrolPage, atr_enrol_page, ATR, ENROL_PAGE, AdwBin)

void          atr_enrol_page_set_trust    (AtrEnrolPage  *self,
                                           AtrTrustStore *trust);
/* Clears the page; @address (nullable) prefills the entry. */
void          atr_enrol_page_reset        (AtrEnrolPage  *self,
                                           const char    *address);
void          atr_enrol_page_set_can_cancel (AtrEnrolPage *self,
                                             gboolean      can_cancel);
/* Looks up the address in the entry (as the Look Up button does). */
void          atr_enrol_page_look_up      (AtrEnrolPage *self);
/* (nullable): the workspace being previewed. */
AtrWorkspace *atr_enrol_page_get_candidate (AtrEnrolPage *self);

G_END_DECLS
