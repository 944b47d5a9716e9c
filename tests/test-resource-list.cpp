// Tests for AtrResourceList: atomic replace with a minimal items-changed.
#include <gtest/gtest.h>

#include "atr-resource-list.h"

namespace {

struct Change { guint pos, removed, added; };

void
on_items_changed (GListModel *, guint pos, guint removed, guint added, gpointer data)
{
  static_cast<std::vector<Change> *> (data)->push_back ({ pos, removed, added });
}

GPtrArray *
make_list (std::initializer_list<const char *> titles)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_object_unref);
  for (const char *t : titles)
    {
      AtrResourceBuilder *b = atr_resource_builder_new (t, ATR_RESOURCE_KIND_DESKTOP);
      atr_resource_builder_set_title (b, t);
      g_ptr_array_add (array, atr_resource_builder_end (b));
    }
  return array;
}

class ResourceList : public ::testing::Test
{
protected:
  void SetUp () override
  {
    list = atr_resource_list_new ();
    g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &changes);
  }
  void TearDown () override { g_object_unref (list); }

  AtrResourceList *list = nullptr;
  std::vector<Change> changes;
};

TEST_F (ResourceList, FirstFillIsOneInsert)
{
  g_autoptr(GPtrArray) a = make_list ({ "a", "b", "c" });
  atr_resource_list_replace (list, a);
  ASSERT_EQ (changes.size (), 1u);
  EXPECT_EQ (changes[0].pos, 0u);
  EXPECT_EQ (changes[0].removed, 0u);
  EXPECT_EQ (changes[0].added, 3u);
  EXPECT_EQ (g_list_model_get_n_items (G_LIST_MODEL (list)), 3u);
  EXPECT_EQ (g_list_model_get_item_type (G_LIST_MODEL (list)), ATR_TYPE_RESOURCE);
}

TEST_F (ResourceList, SameContentEmitsNothingAndKeepsObjects)
{
  g_autoptr(GPtrArray) a = make_list ({ "a", "b", "c" });
  g_autoptr(GPtrArray) b = make_list ({ "a", "b", "c" });
  atr_resource_list_replace (list, a);
  changes.clear ();
  atr_resource_list_replace (list, b);
  EXPECT_TRUE (changes.empty ());
  g_autoptr(AtrResource) first = ATR_RESOURCE (g_list_model_get_item (G_LIST_MODEL (list), 0));
  EXPECT_EQ (first, g_ptr_array_index (a, 0));
}

TEST_F (ResourceList, MiddleChangeIsMinimal)
{
  g_autoptr(GPtrArray) a = make_list ({ "a", "b", "c", "d" });
  g_autoptr(GPtrArray) b = make_list ({ "a", "x", "y", "z", "d" });
  atr_resource_list_replace (list, a);
  changes.clear ();
  atr_resource_list_replace (list, b);
  ASSERT_EQ (changes.size (), 1u);
  EXPECT_EQ (changes[0].pos, 1u);
  EXPECT_EQ (changes[0].removed, 2u);
  EXPECT_EQ (changes[0].added, 3u);
  g_autoptr(AtrResource) last = ATR_RESOURCE (g_list_model_get_item (G_LIST_MODEL (list), 4));
  EXPECT_EQ (last, g_ptr_array_index (a, 3));
  g_autoptr(AtrResource) mid = ATR_RESOURCE (g_list_model_get_item (G_LIST_MODEL (list), 2));
  EXPECT_STREQ (atr_resource_get_id (mid), "y");
}

TEST_F (ResourceList, AppendAndTruncate)
{
  g_autoptr(GPtrArray) a = make_list ({ "a", "b" });
  g_autoptr(GPtrArray) b = make_list ({ "a", "b", "c" });
  g_autoptr(GPtrArray) empty = make_list ({});
  atr_resource_list_replace (list, a);
  changes.clear ();
  atr_resource_list_replace (list, b);
  ASSERT_EQ (changes.size (), 1u);
  EXPECT_EQ (changes[0].pos, 2u);
  EXPECT_EQ (changes[0].removed, 0u);
  EXPECT_EQ (changes[0].added, 1u);
  changes.clear ();
  atr_resource_list_replace (list, empty);
  ASSERT_EQ (changes.size (), 1u);
  EXPECT_EQ (changes[0].pos, 0u);
  EXPECT_EQ (changes[0].removed, 3u);
  EXPECT_EQ (changes[0].added, 0u);
}

TEST_F (ResourceList, RepeatedItemsDoNotOverlapHeadAndTail)
{
  g_autoptr(GPtrArray) a = make_list ({ "a", "a" });
  g_autoptr(GPtrArray) b = make_list ({ "a", "a", "a" });
  atr_resource_list_replace (list, a);
  changes.clear ();
  atr_resource_list_replace (list, b);
  ASSERT_EQ (changes.size (), 1u);
  EXPECT_EQ (changes[0].removed + 2, changes[0].added + 1);
  EXPECT_EQ (g_list_model_get_n_items (G_LIST_MODEL (list)), 3u);
}

TEST_F (ResourceList, FindById)
{
  g_autoptr(GPtrArray) a = make_list ({ "a", "b" });
  atr_resource_list_replace (list, a);
  EXPECT_EQ (atr_resource_list_find_by_id (list, "b"), g_ptr_array_index (a, 1));
  EXPECT_EQ (atr_resource_list_find_by_id (list, "nope"), nullptr);
  EXPECT_EQ (g_list_model_get_item (G_LIST_MODEL (list), 9), nullptr);
}

}  // namespace
