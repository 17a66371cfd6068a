from django.core.management.base import BaseCommand

from organisations import cube
from organisations.models import FacetCube


class Command(BaseCommand):
    help = "Build the organisation list's facet cube now if the data moved since it was built."

    def handle(self, *args, **options):
        rebuilt = cube.refresh()
        state = FacetCube.objects.filter(name=cube.NAME).first()
        if state is None:
            self.stdout.write("No facet cube: no published organisation data to count.")
        else:
            verb = "Built" if rebuilt else "Already current:"
            self.stdout.write(f"{verb} {state.cells:,} cells in {state.seconds:.2f} s.")
