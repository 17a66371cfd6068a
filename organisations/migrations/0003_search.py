"""Full-text search for organisations (PostgreSQL only; see core/search.py and core/search_sql.py)."""

import django.contrib.postgres.search
from django.db import migrations

from core.migration_operations import PostgresOnlySQL
from core.search_sql import Link, SearchSpec, forward_sql, reverse_sql

SPEC = SearchSpec(
    table="organisations_organisation",
    weight_a=("name",),
    weight_b_links=(
        Link("organisations_topictaggedorganisation", "content_object_id", "taggit_tag"),
        Link("organisations_networktaggedorganisation", "content_object_id", "core_networktag"),
    ),
    weight_c=("short_description", "region"),
    weight_d=("description",),
)


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0002_moderation"),
        ("core", "0002_postgres_extensions"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        PostgresOnlySQL(sql=forward_sql(SPEC), reverse_sql=reverse_sql(SPEC)),
    ]
