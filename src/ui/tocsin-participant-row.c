/* tocsin-participant-row.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-participant-row"

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-participant-row.h"

/* Someone on call, indented by @depth under the team or escalation that
 * expands to them. The schedules page flattens the tree into these rows. */

#define INDENT 24

struct _TocsinParticipantRow
{
  GtkListBoxRow      parent_instance;

  /* Template widgets */
  GtkBox            *box;
  GtkImage          *icon;
  GtkLabel          *name_label;
  GtkLabel          *caption_label;
  GtkLabel          *forwarded_tag;

  TocsinParticipant *participant;
  guint              depth;
};

G_DEFINE_FINAL_TYPE (TocsinParticipantRow, tocsin_participant_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_PARTICIPANT,
  PROP_DEPTH,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Auxiliary methods */

static gboolean
is_nobody (TocsinParticipant *participant)
{
  return g_strcmp0 (tocsin_participant_get_kind (participant), "noone") == 0;
}

static void
update (TocsinParticipantRow *self)
{
  TocsinParticipant *p = self->participant;
  TocsinParticipant *forwarded_from = tocsin_participant_get_forwarded_from (p);
  const char *kind = tocsin_participant_get_kind (p);
  const char *icon_name = "avatar-default-symbolic";
  g_autofree char *caption = NULL;
  const char *name;

  if (is_nobody (p))
    name = C_("on call", "Nobody");
  else
    name = tocsin_participant_get_display_name (p);

  if (g_strcmp0 (kind, "team") == 0)
    {
      icon_name = "system-users-symbolic";
      caption = g_strdup (C_("participant kind", "Team"));
    }
  else if (g_strcmp0 (kind, "escalation") == 0)
    {
      icon_name = "go-up-symbolic";
      caption = g_strdup (C_("participant kind", "Escalation"));
    }
  else if (g_strcmp0 (kind, "schedule") == 0)
    {
      icon_name = "x-office-calendar-symbolic";
      caption = g_strdup (C_("participant kind", "Schedule"));
    }
  else if (is_nobody (p))
    icon_name = "action-unavailable-symbolic";
  else if (tocsin_participant_get_name (p) == NULL)
    /* Without read:jira-user only the account id is known. */
    caption = g_strdup (_("Account ID (name not available)"));

  if (forwarded_from != NULL)
    {
      g_autofree char *from = g_strdup_printf (_("Forwarded from %s"),
                                               tocsin_participant_get_display_name (forwarded_from));

      if (caption != NULL)
        {
          char *joined = g_strconcat (caption, " · ", from, NULL);

          g_free (caption);
          caption = joined;
        }
      else
        caption = g_steal_pointer (&from);
    }

  gtk_image_set_from_icon_name (self->icon, icon_name);
  gtk_label_set_label (self->name_label, name);
  gtk_label_set_label (self->caption_label, caption);
  gtk_widget_set_visible (GTK_WIDGET (self->caption_label), caption != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->forwarded_tag), forwarded_from != NULL);

  if (caption != NULL)
    {
      g_autofree char *label = g_strdup_printf ("%s, %s", name, caption);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
  else
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/* GObject overrides */

static void
tocsin_participant_row_constructed (GObject *object)
{
  TocsinParticipantRow *self = (TocsinParticipantRow *)object;
  TocsinParticipant *forwarded_from;

  G_OBJECT_CLASS (tocsin_participant_row_parent_class)->constructed (object);

  g_return_if_fail (self->participant != NULL);

  gtk_widget_set_margin_start (GTK_WIDGET (self->box), 12 + INDENT * self->depth);
  if (self->depth > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "nested");

  /* Names are resolved after the on-call answer arrives. */
  g_signal_connect_object (self->participant, "notify::display-name",
                           G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  forwarded_from = tocsin_participant_get_forwarded_from (self->participant);
  if (forwarded_from != NULL)
    g_signal_connect_object (forwarded_from, "notify::display-name",
                             G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

static void
tocsin_participant_row_dispose (GObject *object)
{
  TocsinParticipantRow *self = (TocsinParticipantRow *)object;

  g_clear_object (&self->participant);

  G_OBJECT_CLASS (tocsin_participant_row_parent_class)->dispose (object);
}

static void
tocsin_participant_row_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TocsinParticipantRow *self = TOCSIN_PARTICIPANT_ROW (object);

  switch (prop_id)
    {
    case PROP_PARTICIPANT:
      g_value_set_object (value, self->participant);
      break;

    case PROP_DEPTH:
      g_value_set_uint (value, self->depth);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_participant_row_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  TocsinParticipantRow *self = TOCSIN_PARTICIPANT_ROW (object);

  switch (prop_id)
    {
    case PROP_PARTICIPANT:
      self->participant = g_value_dup_object (value);
      break;

    case PROP_DEPTH:
      self->depth = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_participant_row_class_init (TocsinParticipantRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tocsin_participant_row_constructed;
  object_class->dispose = tocsin_participant_row_dispose;
  object_class->get_property = tocsin_participant_row_get_property;
  object_class->set_property = tocsin_participant_row_set_property;

  properties [PROP_PARTICIPANT] =
    g_param_spec_object ("participant", NULL, NULL, TOCSIN_TYPE_PARTICIPANT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* How many teams/escalations up the tree this participant is nested. */
  properties [PROP_DEPTH] =
    g_param_spec_uint ("depth", NULL, NULL, 0, 16, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/tocsin-participant-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TocsinParticipantRow, box);
  gtk_widget_class_bind_template_child (widget_class, TocsinParticipantRow, icon);
  gtk_widget_class_bind_template_child (widget_class, TocsinParticipantRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, TocsinParticipantRow, caption_label);
  gtk_widget_class_bind_template_child (widget_class, TocsinParticipantRow, forwarded_tag);
}

static void
tocsin_participant_row_init (TocsinParticipantRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
tocsin_participant_row_new (TocsinParticipant *participant,
                            guint              depth)
{
  g_return_val_if_fail (TOCSIN_IS_PARTICIPANT (participant), NULL);

  return g_object_new (TOCSIN_TYPE_PARTICIPANT_ROW,
                       "participant", participant,
                       "depth", MIN (depth, 16),
                       NULL);
}

TocsinParticipant *
tocsin_participant_row_get_participant (TocsinParticipantRow *self)
{
  g_return_val_if_fail (TOCSIN_IS_PARTICIPANT_ROW (self), NULL);

  return self->participant;
}

guint
tocsin_participant_row_get_depth (TocsinParticipantRow *self)
{
  g_return_val_if_fail (TOCSIN_IS_PARTICIPANT_ROW (self), 0);

  return self->depth;
}
