package io.emailengine.bounceingest.adapter.in.web;

import io.emailengine.bounceingest.application.AccountingIngestion;
import io.emailengine.bounceingest.application.IngestSummary;
import io.emailengine.bounceingest.application.parse.AccountingCsvReader;
import io.emailengine.bounceingest.application.parse.AccountingJsonReader;
import io.emailengine.bounceingest.application.parse.NotAccountingDataException;
import io.emailengine.kit.web.ApiError;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/accounting}: a PowerMTA pipe or shipper pushes accounting records. The body is
 * read from the request stream record by record (never buffered whole) and committed batch by batch.
 */
@RestController
class AccountingPushController {

    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    static final MediaType CSV = MediaType.parseMediaType("text/csv");

    private final AccountingIngestion ingestion;
    private final AccountingCsvReader csv;
    private final AccountingJsonReader json;
    private final Clock clock;

    AccountingPushController(AccountingIngestion ingestion, AccountingCsvReader csv, AccountingJsonReader json, Clock clock) {
        this.ingestion = ingestion;
        this.csv = csv;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping(path = "/api/v1/accounting", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> push(HttpServletRequest request, Principal source) throws IOException {
        MediaType type = request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
        if (type == null || !(CSV.includes(type) || NDJSON.includes(type) || MediaType.APPLICATION_JSON.includes(type))) {
            return error(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be text/csv, application/x-ndjson or application/json (an array of records)");
        }
        Charset charset = type.getCharset() == null ? StandardCharsets.UTF_8 : type.getCharset();
        Reader body = new InputStreamReader(request.getInputStream(), charset);
        String name = source.getName();
        IngestSummary summary;
        if (CSV.includes(type)) {
            summary = ingestion.ingest(name, "push-csv", sink -> csv.read(body, 1, null, sink));
        } else if (NDJSON.includes(type)) {
            summary = ingestion.ingest(name, "push-ndjson", sink -> json.readNdjson(body, sink));
        } else {
            summary = ingestion.ingest(name, "push-json", sink -> json.readArray(body, sink));
        }
        return ResponseEntity.ok(summary);
    }

    @ExceptionHandler(NotAccountingDataException.class)
    ResponseEntity<ApiError> notAccountingData(NotAccountingDataException e, HttpServletRequest request) {
        return error(request, HttpStatus.BAD_REQUEST, "not PowerMTA accounting data: " + e.getMessage());
    }

    private ResponseEntity<ApiError> error(HttpServletRequest request, HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(status.value(), status.getReasonPhrase(), message, request.getRequestURI(), List.of(),
                        clock.instant()));
    }
}
