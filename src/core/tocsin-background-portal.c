/* tocsin-background-portal.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-background-portal"

#include "config.h"

#include "tocsin-background-portal.h"

/* Inside Flatpak an app without a window may be stopped unless the
 * Background portal allows it to run on; GNOME then lists it under
 * background apps with the reason given. The answer arrives as a Response
 * signal on a request object whose path the caller can predict from a
 * handle_token, so the subscription is made before the call (the portal
 * documentation asks for exactly that, to avoid a race). */

#define PORTAL_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_PATH "/org/freedesktop/portal/desktop"

typedef struct
{
  GDBusConnection *bus;
  char            *handle;
  guint            subscription;
} Request;

static void
request_free (Request *request)
{
  if (request->subscription != 0)
    g_dbus_connection_signal_unsubscribe (request->bus, request->subscription);
  g_clear_object (&request->bus);
  g_free (request->handle);
  g_free (request);
}

/* Is this process inside a Flatpak sandbox, where the portal decides? */
gboolean
tocsin_background_portal_is_sandboxed (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

static void
on_response_cb (GDBusConnection *connection,
                const char      *sender_name,
                const char      *object_path,
                const char      *interface_name,
                const char      *signal_name,
                GVariant        *parameters,
                gpointer         user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GVariant) results = NULL;
  gboolean background = FALSE;
  guint32 response = 2;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(ua{sv})")))
    return;

  g_dbus_connection_signal_unsubscribe (connection, request->subscription);
  request->subscription = 0;

  g_variant_get (parameters, "(u@a{sv})", &response, &results);
  /* 0: the user (or the policy) answered; 1: cancelled; 2: other. */
  if (response == 0)
    g_variant_lookup (results, "background", "b", &background);

  g_task_return_int (task, background);
  g_object_unref (task);
}

static void
on_called_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      g_dbus_connection_signal_unsubscribe (request->bus, request->subscription);
      request->subscription = 0;
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
    }
  /* Otherwise the subscription holds the task until Response arrives. */
}

/* With @autostart, the portal also starts the app at login, with
 * --background; without, it stops doing so. */
void
tocsin_background_portal_request_async (GDBusConnection     *bus,
                                        const char          *reason,
                                        gboolean             autostart,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autofree char *token = NULL;
  g_autofree char *sender = NULL;
  GVariantBuilder options;
  Request *request;
  GTask *task;

  g_return_if_fail (G_IS_DBUS_CONNECTION (bus));
  g_return_if_fail (reason != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_background_portal_request_async);

  token = g_strdup_printf ("tocsin%u", g_random_int ());
  sender = g_strdelimit (g_strdup (g_dbus_connection_get_unique_name (bus) + 1), ".", '_');

  request = g_new0 (Request, 1);
  request->bus = g_object_ref (bus);
  request->handle = g_strdup_printf (PORTAL_PATH "/request/%s/%s", sender, token);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  request->subscription =
    g_dbus_connection_signal_subscribe (bus, PORTAL_NAME, "org.freedesktop.portal.Request", "Response",
                                        request->handle, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                        on_response_cb, task, NULL);

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "reason", g_variant_new_string (reason));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (autostart));
  if (autostart)
    {
      static const char * const commandline[] = { "tocsin", "--background", NULL };

      g_variant_builder_add (&options, "{sv}", "commandline", g_variant_new_strv (commandline, -1));
    }
  g_variant_builder_add (&options, "{sv}", "dbus-activatable", g_variant_new_boolean (TRUE));

  g_dbus_connection_call (bus, PORTAL_NAME, PORTAL_PATH, "org.freedesktop.portal.Background",
                          "RequestBackground", g_variant_new ("(sa{sv})", "", &options),
                          G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, -1, cancellable,
                          on_called_cb, task);
}

/* Returns FALSE with @error when the portal could not be asked; otherwise
 * TRUE, with *@allowed telling whether the app may keep running. */
gboolean
tocsin_background_portal_request_finish (GAsyncResult  *result,
                                         gboolean      *allowed,
                                         GError       **error)
{
  gssize value;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  value = g_task_propagate_int (G_TASK (result), error);
  if (value < 0)
    return FALSE;

  if (allowed != NULL)
    *allowed = value != 0;
  return TRUE;
}
