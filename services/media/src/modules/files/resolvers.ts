import { requireViewer, withUserErrorsPayload } from '@gigmart/shared';
import type { Resolvers } from '../../generated/resolvers.js';
import { completeUpload, createUpload, deleteFile, fileUrl, findReadableFile, renditionsOf } from './service.js';

export const filesResolvers: Resolvers = {
  Query: {
    file: (_, { id }, ctx) => findReadableFile(ctx, id),
  },
  Mutation: {
    createUpload: (_, { input }, ctx) => {
      requireViewer(ctx);
      return withUserErrorsPayload({ file: null, target: null }, () => createUpload(ctx, input));
    },
    completeUpload: (_, { input }, ctx) => {
      requireViewer(ctx);
      return withUserErrorsPayload({ file: null }, () => completeUpload(ctx, input));
    },
    deleteFile: (_, { input }, ctx) => {
      requireViewer(ctx);
      return withUserErrorsPayload({ deletedFileId: null }, () => deleteFile(ctx, input));
    },
  },
  File: {
    // Batched; the same visibility rule as file(id).
    __resolveReference: (ref, ctx) => findReadableFile(ctx, ref.id),
    id: (file) => String(file._id),
    uploadedBy: (file) => ({ id: file.uploaderId }),
    url: (file, _, ctx) => fileUrl(ctx, file),
    renditions: (file, _, ctx) => renditionsOf(ctx, file),
  },
};
