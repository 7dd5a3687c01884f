import { gql } from 'graphql-tag';

export const filesTypeDefs = gql`
  """
  One uploaded file. Who may read it: GIG_IMAGE and AVATAR files, everyone once READY; a DELIVERY file,
  its uploader and, once it is attached to a delivery, that order's buyer (and admins); a
  MESSAGE_ATTACHMENT, its uploader and, once sent, the conversation's two participants. For anyone
  else the file is null.
  """
  type File @key(fields: "id") {
    id: ID!
    "The name it was uploaded with, 1-255 characters, without any path."
    name: String!
    "The type the content really has (checked from its bytes), e.g. image/png."
    contentType: String!
    sizeBytes: Int!
    "Hex SHA-256 of the content; null until READY."
    sha256: String
    purpose: FilePurpose!
    status: FileStatus!
    "Why a REJECTED file was refused, for people."
    rejectionReason: String
    "Null only while the users subgraph is down."
    uploadedBy: User
    """
    A download link for the viewer; null unless READY. GIG_IMAGE and AVATAR links are permanent, public
    and cacheable (other subgraphs may store them); DELIVERY and MESSAGE_ATTACHMENT links are signed for
    this viewer and this file and expire after 15 minutes.
    """
    url: String
    "For READY images: WebP renditions 400 and 1200 pixels wide (never wider than the original), with permanent links as url; empty otherwise."
    renditions: [ImageRendition!]!
    createdAt: DateTime!
  }

  enum FilePurpose {
    "JPEG, PNG or WebP, at most 10 MB, at least 400x300 pixels."
    GIG_IMAGE
    "JPEG, PNG or WebP, at most 5 MB."
    AVATAR
    "Any type but executables, at most 1 GB."
    DELIVERY
    "Any type but executables, at most 100 MB."
    MESSAGE_ATTACHMENT
  }

  """
  A PENDING file still PENDING 24 hours after createUpload is deleted with any bytes; so is a READY file
  that nothing has attached 24 hours after it became READY.
  """
  enum FileStatus {
    "Waiting for its bytes and completeUpload."
    PENDING
    "completeUpload was called; the bytes are being checked (size, real type, image decoding, renditions)."
    PROCESSING
    READY
    "The bytes did not match the declared size, type or the purpose's rules."
    REJECTED
  }

  type ImageRendition {
    width: Int!
    height: Int!
    url: String!
  }

  """
  Where and how to send a file's bytes: one HTTP request with this method, URL and headers, and the bytes
  as the body. The headers include the declared Content-Type and Content-Length, which the signature
  covers: the store refuses any other size or type.
  """
  type UploadTarget {
    url: String!
    "PUT."
    method: String!
    headers: [HttpHeader!]!
    "15 minutes after createUpload."
    expiresAt: DateTime!
  }

  type HttpHeader {
    name: String!
    value: String!
  }

  type User @key(fields: "id", resolvable: false) {
    id: ID!
  }

  type Query {
    "Null unless the viewer may read it (see File)."
    file(id: ID!): File
  }

  type Mutation {
    """
    Starts an upload for the signed-in member: checks the declared name, type and size against the
    purpose (userErrors: INVALID for a type the purpose refuses, TOO_LONG for a size over its limit) and
    returns the target to send the bytes to. A member has at most 20 PENDING uploads at a time
    (LIMIT_REACHED).
    """
    createUpload(input: CreateUploadInput!): CreateUploadPayload!
    """
    The uploader, once the bytes were sent: the file becomes PROCESSING, then READY or REJECTED (poll
    file(id), or wait for the mutation's answer: it returns once the checks finish, within 30 s). Calling
    it again returns the file as it is. Bytes missing or of another size: REJECTED.
    """
    completeUpload(input: FileIdInput!): CompleteUploadPayload!
    "Deletes one of the viewer's own files that is not attached to anything yet."
    deleteFile(input: FileIdInput!): DeleteFilePayload!
  }

  input CreateUploadInput {
    purpose: FilePurpose!
    name: String!
    contentType: String!
    sizeBytes: Int!
  }

  input FileIdInput {
    fileId: ID!
  }

  type CreateUploadPayload {
    file: File
    target: UploadTarget
    userErrors: [UserError!]!
  }

  type CompleteUploadPayload {
    file: File
    userErrors: [UserError!]!
  }

  type DeleteFilePayload {
    deletedFileId: ID
    userErrors: [UserError!]!
  }
`;
