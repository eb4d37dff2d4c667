using System.Buffers;
using System.Text.Json;
using CouchJs.Database;
using CouchJs.Database.Documents;
using CouchJs.Database.Model;
using CouchJs.Database.Revisions;
using CouchJs.Database.Writing;
using CouchJs.DesignFunctions.Designs;
using CouchJs.DesignFunctions.Documents;
using CouchJs.DesignFunctions.Engines;
using CouchJs.DesignFunctions.Requests;
using CouchJs.QueryServers;

namespace CouchJs.DesignFunctions.Validation;

/// <summary>
/// Every design document's <c>validate_doc_update</c> on every write path (couch_db:validate_doc_update
/// and prep_and_validate_update(s)): each document of the update that is not a design or local
/// document goes to each validator in design doc id order with <c>[newDoc, oldDoc, userCtx, secObj]</c>;
/// the first refusal is its result. Writes by admins are validated too. Not validated, as in CouchDB:
/// an interactive edit the writer will refuse as a conflict, and a replicated revision the document
/// already has. oldDoc is the edited revision (null for a new document, a rev-less write over a
/// deletion included); for a replicated revision, its newest ancestor whose body is stored.
/// One engine checkout per update and language; the documents go to each validator in batches
/// (<see cref="ValidationBatch"/>). A database without validators costs one cached lookup per write.
/// </summary>
public sealed class ValidateDocUpdateGuard(DesignDocCache cache, IQueryServerPool pool, IDesignFunctionContext context, QueryServerDocs docs) : IDocWriteGuard
{
    public bool Applies(CouchDatabase database, IReadOnlyList<IncomingDoc> docs)
    {
        if (cache.Current(database).Validators.Count == 0) return false;
        foreach (var doc in docs)
            if (IsValidated(doc.Id!)) return true;
        return false;
    }

    public async Task<CouchException?[]> Check(DocWrite write)
    {
        var errors = new CouchException?[write.Docs.Count];
        var validators = cache.Current(write.Database).Validators;
        if (validators.Count == 0) return errors;
        var judged = new List<int>();
        for (int i = 0; i < write.Docs.Count; i++)
            if (IsValidated(write.Docs[i].Id!) && !NotJudged(write, i)) judged.Add(i);
        if (judged.Count == 0) return errors;
        var edits = Edits(write, judged);
        var (userCtx, secObj) = (UserCtx(write), context.SecurityJson(write.Database, write.Reader));
        await using var sessions = new SessionSet(pool, write.Database.Name, validators, CancellationToken.None);
        // Validator by validator, each judging what the ones before let through: every document's
        // first refusal in id order, as one validator after another per document gives it.
        foreach (var validator in validators)
        {
            if (judged.Count == 0) break;
            var verdicts = await ValidationBatch.Judge(sessions, validator, new DocValidations(edits, userCtx, secObj)).ConfigureAwait(false);
            for (int k = judged.Count - 1; k >= 0; k--)
            {
                if (verdicts[k] is not { } refusal) continue;
                errors[judged[k]] = refusal;
                judged.RemoveAt(k);
                edits.RemoveAt(k);
            }
        }
        return errors;
    }

    // couch_db:validate_doc_update: design documents get the admin and design checks instead, local ones nothing.
    private static bool IsValidated(string id) => !DocIds.IsDesign(id) && !DocIds.IsLocal(id);

    // Interactive: a would-be conflict is the writer's to report. Replicated: a revision already in the tree is ignored.
    private static bool NotJudged(DocWrite write, int index)
    {
        if (write.NewEdits) return write.WouldConflict(index);
        var doc = write.Docs[index];
        return write.Existing(index)?.Tree.Contains(new Rev(doc.RevPos, doc.RevHashes[0])) == true;
    }

    // newDoc and oldDoc of each judged edit.
    private List<EditedDoc> Edits(DocWrite write, List<int> judged)
    {
        var edited = judged.ConvertAll(i => write.Existing(i) is { } info ? EditedRevision(write, i, info) : null);
        var newDocs = QueryServerDocs.Edits(judged.ConvertAll(i => write.Docs[i]), edited.ConvertAll(old => old?.Value?.Attachments ?? []));
        var edits = new List<EditedDoc>(judged.Count);
        for (int k = 0; k < judged.Count; k++)
        {
            var old = edited[k] is { } leaf ? docs.Stored(write.Reader, write.Existing(judged[k])!, leaf, conflicts: false) : null;
            edits.Add(new EditedDoc(newDocs[k], old is null ? null : (ReadOnlyMemory<byte>?)old));
        }
        return edits;
    }

    private static RevLeaf<RevBody>? EditedRevision(DocWrite write, int index, DocInfo info)
    {
        var doc = write.Docs[index];
        if (write.NewEdits) return doc.HasRev ? info.Tree.Find(new Rev(doc.RevPos, doc.RevHashes[0])) : null;
        // couch_db:make_first_doc_on_disk: the first ancestor, going back the path, whose body is stored.
        for (int k = 1; k < doc.RevHashes.Count; k++)
        {
            if (info.Tree.Find(new Rev(doc.RevPos - k, doc.RevHashes[k])) is { Value.BodyPointer: not RevBody.NoBody } stored)
                return stored;
        }
        return null;
    }

    private byte[] UserCtx(DocWrite write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, FunctionJson.WriterOptions)) context.CurrentUser.Write(w, write.Database.Name);
        return buffer.WrittenSpan.ToArray();
    }
}
