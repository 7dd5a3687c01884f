import { Schema, type Connection, type InferSchemaType, type Types } from 'mongoose';

/**
 * The category tree: a top level and one level of subcategories, ordered by `position`.
 * Indexes: `slug` (unique: lookups by slug), `parentId + position` (a level of the tree in order).
 */
const categorySchema = new Schema(
  {
    slug: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    parentId: { type: Schema.Types.ObjectId, default: null },
    position: { type: Number, required: true },
  },
  { timestamps: true },
);
categorySchema.index({ parentId: 1, position: 1 });

export type CategoryDoc = InferSchemaType<typeof categorySchema> & { _id: Types.ObjectId };

export function categoryModel(connection: Connection) {
  return connection.model('Category', categorySchema, 'categories');
}
export type CategoryModel = ReturnType<typeof categoryModel>;
