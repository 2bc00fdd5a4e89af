/* tocsin-priority-badge.c: an alert's priority in the alerts list
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-priority-badge"

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-priority-badge.h"

struct _TocsinPriorityBadge
{
  GtkWidget   parent_instance;

  GtkLabel   *label;
  GtkSpinner *spinner;  /* made when first pending: most badges never are */

  int         priority;
  gboolean    pending;
};

G_DEFINE_FINAL_TYPE (TocsinPriorityBadge, tocsin_priority_badge, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PRIORITY,
  PROP_PENDING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Auxiliary methods */

static void
update (TocsinPriorityBadge *self)
{
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;

  text = self->priority > 0 ? g_strdup_printf ("P%d", self->priority) : g_strdup ("");
  gtk_label_set_text (self->label, text);
  for (int i = 1; i <= 5; i++)
    {
      char klass[4];

      g_snprintf (klass, sizeof klass, "p%d", i);
      if (i == self->priority)
        gtk_widget_add_css_class (GTK_WIDGET (self->label), klass);
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->label), klass);
    }

  if (self->pending && self->spinner == NULL)
    {
      self->spinner = GTK_SPINNER (gtk_spinner_new ());
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("An action is being processed"), -1);
      gtk_widget_set_parent (GTK_WIDGET (self->spinner), GTK_WIDGET (self));
    }
  if (self->spinner != NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->pending);
      gtk_spinner_set_spinning (self->spinner, self->pending);
    }
  if (self->pending)
    gtk_widget_add_css_class (GTK_WIDGET (self), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "dim-label");

  /* What the tooltip says, for a screen reader. */
  tooltip = tocsin_priority_badge_dup_tooltip (self);
  if (tooltip != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    tooltip, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* GtkWidget overrides */

/* Asked for when the pointer rests on the badge, not set as it changes: on
 * X11, GTK 4.8 asks the X server where the pointer is whenever a shown
 * widget's tooltip text is set. */
static gboolean
tocsin_priority_badge_query_tooltip (GtkWidget  *widget,
                                     int         x,
                                     int         y,
                                     gboolean    keyboard,
                                     GtkTooltip *tooltip)
{
  g_autofree char *text = tocsin_priority_badge_dup_tooltip (TOCSIN_PRIORITY_BADGE (widget));

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* GObject overrides */

static void
tocsin_priority_badge_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (tocsin_priority_badge_parent_class)->dispose (object);
}

static void
tocsin_priority_badge_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TocsinPriorityBadge *self = TOCSIN_PRIORITY_BADGE (object);

  switch (prop_id)
    {
    case PROP_PRIORITY:
      g_value_set_int (value, self->priority);
      break;
    case PROP_PENDING:
      g_value_set_boolean (value, self->pending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_priority_badge_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  TocsinPriorityBadge *self = TOCSIN_PRIORITY_BADGE (object);

  switch (prop_id)
    {
    case PROP_PRIORITY:
      tocsin_priority_badge_set_priority (self, g_value_get_int (value));
      break;
    case PROP_PENDING:
      tocsin_priority_badge_set_pending (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_priority_badge_class_init (TocsinPriorityBadgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tocsin_priority_badge_dispose;
  object_class->get_property = tocsin_priority_badge_get_property;
  object_class->set_property = tocsin_priority_badge_set_property;
  widget_class->query_tooltip = tocsin_priority_badge_query_tooltip;

  properties [PROP_PRIORITY] =
    g_param_spec_int ("priority", NULL, NULL, 0, 5, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_PENDING] =
    g_param_spec_boolean ("pending", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tocsin_priority_badge_init (TocsinPriorityBadge *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "priority-badge");
  gtk_widget_set_valign (GTK_WIDGET (self->label), GTK_ALIGN_CENTER);
  gtk_widget_set_parent (GTK_WIDGET (self->label), GTK_WIDGET (self));

  update (self);
}

/* Public API */

GtkWidget *
tocsin_priority_badge_new (void)
{
  return g_object_new (TOCSIN_TYPE_PRIORITY_BADGE, NULL);
}

int
tocsin_priority_badge_get_priority (TocsinPriorityBadge *self)
{
  g_return_val_if_fail (TOCSIN_IS_PRIORITY_BADGE (self), 0);

  return self->priority;
}

void
tocsin_priority_badge_set_priority (TocsinPriorityBadge *self,
                                    int                  priority)
{
  g_return_if_fail (TOCSIN_IS_PRIORITY_BADGE (self));
  g_return_if_fail (priority >= 0 && priority <= 5);

  if (self->priority == priority)
    return;
  self->priority = priority;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PRIORITY]);
}

gboolean
tocsin_priority_badge_get_pending (TocsinPriorityBadge *self)
{
  g_return_val_if_fail (TOCSIN_IS_PRIORITY_BADGE (self), FALSE);

  return self->pending;
}

void
tocsin_priority_badge_set_pending (TocsinPriorityBadge *self,
                                   gboolean             pending)
{
  g_return_if_fail (TOCSIN_IS_PRIORITY_BADGE (self));

  pending = !!pending;
  if (self->pending == pending)
    return;
  self->pending = pending;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PENDING]);
}

/**
 * tocsin_priority_badge_dup_tooltip:
 *
 * Returns: (transfer full) (nullable): what the badge's tooltip says: its
 *   priority, and that an action is being processed while pending; NULL
 *   without a priority
 */
char *
tocsin_priority_badge_dup_tooltip (TocsinPriorityBadge *self)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (TOCSIN_IS_PRIORITY_BADGE (self), NULL);

  if (self->priority <= 0)
    return NULL;
  name = g_strdup_printf ("P%d", self->priority);
  return self->pending ? g_strdup_printf (_("Priority %s; an action is being processed"), name)
                       : g_strdup_printf (_("Priority %s"), name);
}
