/* atr-cli-runner.h — running the built atrium-cli from a test, and reading its JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the CLI suites (test-cli, test-cli-theme, test-uri, test-cli-probe,
 * test-cli-rdp-settings). atr_cli_run() spawns the program as a real subprocess (GSubprocess,
 * no shell) and waits by iterating the thread-default main context, so a server that lives
 * in the test process (the test broker) keeps answering while the CLI talks to it. The
 * result keeps the exit status, stdout, stderr and stdout parsed as JSON (when it is JSON).
 */
#pragma once

#include <gtest/gtest.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

struct AtrCliRun
{
  int code = -1;               /* the exit status; -1 when the program did not exit normally */
  std::string out;
  std::string err;
  JsonNode *json = nullptr;    /* out parsed as JSON, or NULL */

  AtrCliRun () = default;
  AtrCliRun (const AtrCliRun &) = delete;
  AtrCliRun &operator= (const AtrCliRun &) = delete;
  AtrCliRun (AtrCliRun &&other) noexcept
    : code (other.code), out (std::move (other.out)), err (std::move (other.err)),
      json (std::exchange (other.json, nullptr))
  {
  }
  AtrCliRun &
  operator= (AtrCliRun &&other) noexcept
  {
    if (this != &other)
      {
        code = other.code;
        out = std::move (other.out);
        err = std::move (other.err);
        g_clear_pointer (&json, json_node_unref);
        json = std::exchange (other.json, nullptr);
      }
    return *this;
  }
  ~AtrCliRun () { g_clear_pointer (&json, json_node_unref); }

  JsonObject *
  root () const
  {
    return json != nullptr && JSON_NODE_HOLDS_OBJECT (json) ? json_node_get_object (json)
                                                              : nullptr;
  }

  /* root[object][member] (or root[member] when object is NULL) if it is a string value */
  const char *
  str (const char *object, const char *member) const
  {
    JsonObject *o = root ();
    if (o != nullptr && object != nullptr)
      o = json_object_has_member (o, object) ? json_object_get_object_member (o, object)
                                             : nullptr;
    if (o == nullptr || !json_object_has_member (o, member) ||
        JSON_NODE_TYPE (json_object_get_member (o, member)) != JSON_NODE_VALUE)
      return nullptr;
    return json_object_get_string_member (o, member);
  }

  std::string
  all () const
  {
    return out + err;
  }
};

/* Environment variables set for the child only (the rest is inherited). */
typedef std::vector<std::pair<std::string, std::string>> AtrCliEnv;

struct AtrCliPending
{
  bool done = false;
  char *out = nullptr;
  char *err = nullptr;
  GError *error = nullptr;
};

static inline void
atr_cli_communicated_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      data)
{
  auto *p = static_cast<AtrCliPending *> (data);
  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &p->out, &p->err,
                                        &p->error);
  p->done = true;
}

/* Runs argv (argv[0] is the program) with @stdin_text on its stdin (empty when NULL) and
 * @env added to its environment; fills @run. Fails the test (fatally) when the program
 * cannot be started or does not exit normally (a crash). */
static inline void
atr_cli_run (AtrCliRun                      &run,
             const std::vector<std::string> &argv,
             const char                     *stdin_text = nullptr,
             const AtrCliEnv                &env = {})
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (
    (GSubprocessFlags) (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                        G_SUBPROCESS_FLAGS_STDERR_PIPE));
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  GMainContext *context = g_main_context_get_thread_default ();
  AtrCliPending pending;

  ASSERT_FALSE (argv.empty ());
  ASSERT_FALSE (argv[0].empty ()) << "no atrium-cli path given (ATR_CLI / --atrium-cli)";
  for (auto &kv : env)
    g_subprocess_launcher_setenv (launcher, kv.first.c_str (), kv.second.c_str (), TRUE);
  for (auto &a : argv)
    g_ptr_array_add (args, (gpointer) a.c_str ());
  g_ptr_array_add (args, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata,
                                          &error);
  ASSERT_NE (process, nullptr) << argv[0] << ": " << error->message;
  g_subprocess_communicate_utf8_async (process, stdin_text ? stdin_text : "", NULL,
                                       atr_cli_communicated_cb, &pending);
  while (!pending.done)
    g_main_context_iteration (context, TRUE);
  g_autofree char *out = pending.out;
  g_autofree char *err = pending.err;
  g_autoptr(GError) io_error = pending.error;
  ASSERT_EQ (io_error, nullptr) << io_error->message;
  /* communicate returns once the pipes are closed and the process has exited */
  ASSERT_TRUE (g_subprocess_get_if_exited (process))
    << argv[0] << " did not exit normally (crashed?): " << (err ? err : "");
  run.code = g_subprocess_get_exit_status (process);
  run.out = out ? out : "";
  run.err = err ? err : "";
  g_clear_pointer (&run.json, json_node_unref);
  run.json = json_from_string (run.out.c_str (), NULL);
}

/* The value of an environment variable set by meson (ATR_CLI, ATR_TEST_DATA, …), or "". */
static inline std::string
atr_test_env (const char *name)
{
  const char *v = g_getenv (name);
  return v ? v : "";
}

/* Parses @text as JSON; adds a test failure naming the parse error when it is not. */
static inline JsonNode *
atr_json_parse (const std::string &text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = nullptr;
  if (!json_parser_load_from_data (parser, text.c_str (), -1, &error))
    {
      ADD_FAILURE () << error->message << "\n" << text;
      return nullptr;
    }
  return json_node_copy (json_parser_get_root (parser));
}

static inline std::set<std::string>
atr_json_members (JsonObject *object)
{
  std::set<std::string> names;
  g_autoptr(GList) list = object ? json_object_get_members (object) : NULL;
  for (GList *l = list; l != nullptr; l = l->next)
    names.insert (static_cast<const char *> (l->data));
  return names;
}

static inline std::vector<std::string>
atr_json_strings (JsonArray *array)
{
  std::vector<std::string> v;
  for (guint i = 0; array != nullptr && i < json_array_get_length (array); i++)
    v.push_back (json_array_get_string_element (array, i));
  return v;
}

/* exactly one line, newline-terminated (how every CLI error is printed) */
static inline bool
atr_one_line (const std::string &text)
{
  return !text.empty () && text.find ('\n') == text.size () - 1;
}
