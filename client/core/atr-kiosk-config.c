/* atr-kiosk-config.c — the kiosk settings from the system configuration (immutable)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-core"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "atr-kiosk-config.h"

#define TENANT_MAX_LENGTH 2048
#define RESOURCE_MAX_LENGTH 256

struct _AtrKioskConfig
{
  GObject             parent_instance;

  char               *path;
  gboolean            enabled;
  char               *tenant;
  char               *resource;
  guint               idle_logoff_minutes;
  char               *exit_pin_sha256;
  gboolean            reconnect;
  AtrKioskSessionEnd  session_end;
};

G_DEFINE_FINAL_TYPE (AtrKioskConfig, atr_kiosk_config, G_TYPE_OBJECT)
G_DEFINE_QUARK (atr-kiosk-error-quark, atr_kiosk_error)

static const char * const known_keys[] = {
  "enabled", "tenant", "resource", "idle_logoff_minutes", "exit_pin_sha256", "reconnect",
  "session_end", NULL
};

static void
atr_kiosk_config_finalize (GObject *object)
{
  AtrKioskConfig *self = ATR_KIOSK_CONFIG (object);

  g_free (self->path);
  g_free (self->tenant);
  g_free (self->resource);
  g_free (self->exit_pin_sha256);

  G_OBJECT_CLASS (atr_kiosk_config_parent_class)->finalize (object);
}

static void
atr_kiosk_config_class_init (AtrKioskConfigClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = atr_kiosk_config_finalize;
}

static void
atr_kiosk_config_init (AtrKioskConfig *self)
{
  self->reconnect = TRUE;
  self->session_end = ATR_KIOSK_SESSION_END_HOME;
}

char *
atr_kiosk_config_get_default_path (void)
{
  const char *dir = g_getenv ("ATRIUM_SYSCONFDIR");

  if (dir == NULL || *dir == '\0')
    dir = ATR_SYSCONFDIR;
  return g_build_filename (dir, ATR_KIOSK_CONFIG_FILE_NAME, NULL);
}

/* Root, plus the one uid a test names in ATRIUM_KIOSK_TRUSTED_UID. */
static gboolean
uid_is_trusted (uid_t uid)
{
  const char *env = g_getenv ("ATRIUM_KIOSK_TRUSTED_UID");
  guint64 trusted;

  if (uid == 0)
    return TRUE;
  if (env == NULL || !g_ascii_string_to_unsigned (env, 10, 0, G_MAXUINT32, &trusted, NULL))
    return FALSE;
  return (guint64) uid == trusted;
}

/* Could anyone but a trusted owner (or group root) have written what @st describes? */
static gboolean
check_writers (const char         *what,
               const char         *path,
               const struct stat  *st,
               GError            **error)
{
  if (!uid_is_trusted (st->st_uid))
    {
      g_set_error (error, ATR_KIOSK_ERROR, ATR_KIOSK_ERROR_INSECURE,
                   "Refusing the kiosk configuration: %s %s is owned by uid %u, not root, "
                   "so its owner could change kiosk settings",
                   what, path, (guint) st->st_uid);
      return FALSE;
    }
  if ((st->st_mode & S_IWOTH) != 0)
    {
      g_set_error (error, ATR_KIOSK_ERROR, ATR_KIOSK_ERROR_INSECURE,
                   "Refusing the kiosk configuration: %s %s is world-writable", what, path);
      return FALSE;
    }
  if ((st->st_mode & S_IWGRP) != 0 && st->st_gid != 0)
    {
      g_set_error (error, ATR_KIOSK_ERROR, ATR_KIOSK_ERROR_INSECURE,
                   "Refusing the kiosk configuration: %s %s is writable by group %u",
                   what, path, (guint) st->st_gid);
      return FALSE;
    }
  return TRUE;
}

/* Reads @path through one descriptor, so the checks and the read see the same file.
 * Returns FALSE without error when the file does not exist. */
static gboolean
read_checked (const char  *path,
              char       **contents,
              gsize       *length,
              gboolean    *exists,
              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *data = NULL;
  struct stat st;
  gsize got = 0;
  int fd;

  *exists = FALSE;
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        return FALSE;
      g_set_error (error, ATR_KIOSK_ERROR, ATR_KIOSK_ERROR_READ,
                   "Cannot read the kiosk configuration %s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }
  *exists = TRUE;

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, ATR_KIOSK_ERROR, ATR_KIOSK_ERROR_READ,
                   "Cannot read the kiosk configuration %s: not a regular file", path);
      close (fd);
      return FALSE;
    }
  if (!check_writers ("the file", path, &st, error))
    {
      close (fd);
      return FALSE;
    }
  if (st.st_size > ATR_KIOSK_CONFIG_MAX_SIZE)
    {
      g_set_error (error, ATR_KIOSK_ERROR, ATR_KIOSK_ERROR_TOO_LARGE,
                   "The kiosk configuration %s is too large (%" G_GINT64_FORMAT " bytes, at "
                   "most %d)", path, (gint64) st.st_size, ATR_KIOSK_CONFIG_MAX_SIZE);
      close (fd);
      return FALSE;
    }

  /* Whoever may write the folder may replace the file. */
  {
    struct stat dir_st;

    if (g_stat (dir, &dir_st) != 0 || !check_writers ("the folder", dir, &dir_st, error))
      {
        if (error != NULL && *error == NULL)
          g_set_error (error, ATR_KIOSK_ERROR, ATR_KIOSK_ERROR_READ,
                       "Cannot check the folder of the kiosk configuration %s", path);
        close (fd);
        return FALSE;
      }
  }

  /* One byte more than allowed, in case the file grew after fstat(). */
  data = g_malloc (ATR_KIOSK_CONFIG_MAX_SIZE + 2);
  for (;;)
    {
      gssize n = read (fd, data + got, ATR_KIOSK_CONFIG_MAX_SIZE + 1 - got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error (error, ATR_KIOSK_ERROR, ATR_KIOSK_ERROR_READ,
                       "Cannot read the kiosk configuration %s: %s", path,
                       g_strerror (saved_errno));
          close (fd);
          return FALSE;
        }
      if (n == 0)
        break;
      got += (gsize) n;
      if (got > ATR_KIOSK_CONFIG_MAX_SIZE)
        {
          g_set_error (error, ATR_KIOSK_ERROR, ATR_KIOSK_ERROR_TOO_LARGE,
                       "The kiosk configuration %s is too large (over %d bytes)", path,
                       ATR_KIOSK_CONFIG_MAX_SIZE);
          close (fd);
          return FALSE;
        }
    }
  close (fd);
  data[got] = '\0';
  *contents = g_steal_pointer (&data);
  *length = got;
  return TRUE;
}

static gboolean
invalid (GError     **error,
         const char  *path,
         const char  *key,
         const char  *expected)
{
  g_set_error (error, ATR_KIOSK_ERROR, ATR_KIOSK_ERROR_INVALID,
               "%s: [" ATR_KIOSK_CONFIG_GROUP "] %s: expected %s", path, key, expected);
  return FALSE;
}

/* The raw value, so "10abc" or "yes" are errors rather than GKeyFile's guesses. */
static gboolean
get_bool (GKeyFile    *keyfile,
          const char  *path,
          const char  *key,
          gboolean    *value,
          GError     **error)
{
  g_autofree char *raw = g_key_file_get_value (keyfile, ATR_KIOSK_CONFIG_GROUP, key, NULL);

  if (raw == NULL)
    return TRUE;
  g_strstrip (raw);
  if (g_str_equal (raw, "true"))
    *value = TRUE;
  else if (g_str_equal (raw, "false"))
    *value = FALSE;
  else
    return invalid (error, path, key, "true or false");
  return TRUE;
}

static gboolean
text_is_plain (const char *text,
               gsize       max_length)
{
  gsize length = strlen (text);

  if (length == 0 || length > max_length || !g_utf8_validate (text, (gssize) length, NULL) ||
      text[0] == '-')
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || g_unichar_isspace (c) || c == 0x200b || c == 0xfeff)
        return FALSE;
    }
  return TRUE;
}

static gboolean
get_text (GKeyFile    *keyfile,
          const char  *path,
          const char  *key,
          gsize        max_length,
          const char  *expected,
          char       **value,
          GError     **error)
{
  g_autofree char *raw = g_key_file_get_value (keyfile, ATR_KIOSK_CONFIG_GROUP, key, NULL);

  if (raw == NULL)
    return TRUE;
  g_strstrip (raw);
  /* No escapes: a tenant or alias never needs one, and "\n" must not turn into a newline. */
  if (!text_is_plain (raw, max_length) || strchr (raw, '\\') != NULL)
    return invalid (error, path, key, expected);
  *value = g_steal_pointer (&raw);
  return TRUE;
}

static gboolean
parse (AtrKioskConfig  *self,
       const char      *path,
       const char      *data,
       gsize            length,
       GPtrArray       *warnings,
       GError         **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) groups = NULL;
  g_auto(GStrv) keys = NULL;
  g_autofree char *minutes = NULL;
  g_autofree char *pin = NULL;
  g_autofree char *session_end = NULL;

  if (memchr (data, '\0', length) != NULL || !g_utf8_validate (data, (gssize) length, NULL))
    {
      g_set_error (error, ATR_KIOSK_ERROR, ATR_KIOSK_ERROR_SYNTAX,
                   "%s: not a text key file (NUL bytes or invalid UTF-8)", path);
      return FALSE;
    }
  if (!g_key_file_load_from_data (keyfile, data, length, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, ATR_KIOSK_ERROR, ATR_KIOSK_ERROR_SYNTAX,
                   "%s: not a valid key file: %s", path, local_error->message);
      return FALSE;
    }

  groups = g_key_file_get_groups (keyfile, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    if (warnings != NULL && !g_str_equal (groups[i], ATR_KIOSK_CONFIG_GROUP))
      g_ptr_array_add (warnings, g_strdup_printf ("%s: unknown group [%s] ignored", path,
                                                  groups[i]));
  if (!g_key_file_has_group (keyfile, ATR_KIOSK_CONFIG_GROUP))
    return TRUE;

  keys = g_key_file_get_keys (keyfile, ATR_KIOSK_CONFIG_GROUP, NULL, NULL);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    if (warnings != NULL && !g_strv_contains (known_keys, keys[i]))
      g_ptr_array_add (warnings,
                       g_strdup_printf ("%s: [" ATR_KIOSK_CONFIG_GROUP "] unknown key %s "
                                        "ignored", path, keys[i]));

  if (!get_bool (keyfile, path, "enabled", &self->enabled, error) ||
      !get_bool (keyfile, path, "reconnect", &self->reconnect, error) ||
      !get_text (keyfile, path, "tenant", TENANT_MAX_LENGTH,
                 "a domain, e-mail address or https feed URL", &self->tenant, error) ||
      !get_text (keyfile, path, "resource", RESOURCE_MAX_LENGTH,
                 "a resource alias (no spaces or control characters)", &self->resource, error))
    return FALSE;

  minutes = g_key_file_get_value (keyfile, ATR_KIOSK_CONFIG_GROUP, "idle_logoff_minutes", NULL);
  if (minutes != NULL)
    {
      guint64 value;

      g_strstrip (minutes);
      if (!g_ascii_string_to_unsigned (minutes, 10, 0, ATR_KIOSK_IDLE_MAX_MINUTES, &value, NULL))
        return invalid (error, path, "idle_logoff_minutes",
                        "a whole number of minutes from 0 (never) to 1440");
      self->idle_logoff_minutes = (guint) value;
    }

  pin = g_key_file_get_value (keyfile, ATR_KIOSK_CONFIG_GROUP, "exit_pin_sha256", NULL);
  if (pin != NULL)
    {
      g_strstrip (pin);
      if (strlen (pin) != 64)
        return invalid (error, path, "exit_pin_sha256", "64 hexadecimal digits (a SHA-256)");
      for (const char *p = pin; *p != '\0'; p++)
        if (!g_ascii_isxdigit (*p))
          return invalid (error, path, "exit_pin_sha256", "64 hexadecimal digits (a SHA-256)");
      self->exit_pin_sha256 = g_ascii_strdown (pin, -1);
    }

  session_end = g_key_file_get_value (keyfile, ATR_KIOSK_CONFIG_GROUP, "session_end", NULL);
  if (session_end != NULL)
    {
      g_strstrip (session_end);
      if (g_str_equal (session_end, "home"))
        self->session_end = ATR_KIOSK_SESSION_END_HOME;
      else if (g_str_equal (session_end, "relaunch"))
        self->session_end = ATR_KIOSK_SESSION_END_RELAUNCH;
      else
        return invalid (error, path, "session_end", "home or relaunch");
    }

  return TRUE;
}

AtrKioskConfig *
atr_kiosk_config_load_from_path (const char  *path,
                                 gboolean     force_enabled,
                                 GPtrArray   *warnings,
                                 GError     **error)
{
  g_autoptr(AtrKioskConfig) self = NULL;
  g_autofree char *data = NULL;
  gboolean exists = FALSE;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (ATR_TYPE_KIOSK_CONFIG, NULL);
  if (!read_checked (path, &data, &length, &exists, error))
    {
      if (exists)
        return NULL;
      g_debug ("%s: no kiosk configuration", path);
    }
  else
    {
      self->path = g_strdup (path);
      if (!parse (self, path, data, length, warnings, error))
        return NULL;
    }

  if (force_enabled)
    self->enabled = TRUE;
  if (self->enabled && self->tenant == NULL)
    {
      g_set_error (error, ATR_KIOSK_ERROR, ATR_KIOSK_ERROR_MISSING,
                   "%s: kiosk mode needs [" ATR_KIOSK_CONFIG_GROUP "] tenant", path);
      return NULL;
    }
  return g_steal_pointer (&self);
}

AtrKioskConfig *
atr_kiosk_config_load (gboolean    force_enabled,
                       GPtrArray  *warnings,
                       GError    **error)
{
  g_autofree char *path = atr_kiosk_config_get_default_path ();

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  return atr_kiosk_config_load_from_path (path, force_enabled, warnings, error);
}

const char *
atr_kiosk_config_get_path (AtrKioskConfig *self)
{
  g_return_val_if_fail (ATR_IS_KIOSK_CONFIG (self), NULL);
  return self->path;
}

gboolean
atr_kiosk_config_get_enabled (AtrKioskConfig *self)
{
  g_return_val_if_fail (ATR_IS_KIOSK_CONFIG (self), FALSE);
  return self->enabled;
}

const char *
atr_kiosk_config_get_tenant (AtrKioskConfig *self)
{
  g_return_val_if_fail (ATR_IS_KIOSK_CONFIG (self), NULL);
  return self->tenant;
}

const char *
atr_kiosk_config_get_resource (AtrKioskConfig *self)
{
  g_return_val_if_fail (ATR_IS_KIOSK_CONFIG (self), NULL);
  return self->resource;
}

guint
atr_kiosk_config_get_idle_logoff_minutes (AtrKioskConfig *self)
{
  g_return_val_if_fail (ATR_IS_KIOSK_CONFIG (self), 0);
  return self->idle_logoff_minutes;
}

const char *
atr_kiosk_config_get_exit_pin_sha256 (AtrKioskConfig *self)
{
  g_return_val_if_fail (ATR_IS_KIOSK_CONFIG (self), NULL);
  return self->exit_pin_sha256;
}

gboolean
atr_kiosk_config_get_reconnect (AtrKioskConfig *self)
{
  g_return_val_if_fail (ATR_IS_KIOSK_CONFIG (self), TRUE);
  return self->reconnect;
}

AtrKioskSessionEnd
atr_kiosk_config_get_session_end (AtrKioskConfig *self)
{
  g_return_val_if_fail (ATR_IS_KIOSK_CONFIG (self), ATR_KIOSK_SESSION_END_HOME);
  return self->session_end;
}
